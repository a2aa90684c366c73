import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A real HTTP client for the live tests, with enough connections per host for the load.
enum HTTP {
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    struct Answer: Sendable {
        var status: Int
        var body: String
        var seconds: Double
    }

    /// Sends a request and reads the whole answer.
    static func send(
        _ method: HTTPMethod, _ url: String, token: String? = nil, json: String? = nil, timeout: Int64 = 30
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let started = ContinuousClock.now
        let response = try await client.execute(request, timeout: .seconds(timeout))
        let body = try await response.body.collect(upTo: 16 << 20)
        let elapsed = ContinuousClock.now - started
        return Answer(
            status: Int(response.status.code), body: String(buffer: body),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

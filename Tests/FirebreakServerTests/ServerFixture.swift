import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Answers of the in-process router, decoded.
struct Answer: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer

    var text: String { String(buffer: body) }
    var json: Any? {
        try? JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: [.fragmentsAllowed])
    }
    var object: [String: Any] { (json as? [String: Any]) ?? [:] }
    var array: [[String: Any]] { (json as? [[String: Any]]) ?? [] }
    var isProblem: Bool { headers[.contentType] == "application/problem+json" }
    var problemType: String? { object["type"] as? String }
}

enum ServerFixture {
    static let asOf = SeededService.asOf

    static func withSeeded<T: Sendable>(
        _ body: @Sendable (TestDatabase.Fresh, Tokens) async throws -> T
    ) async throws -> T { try await SeededService.withSeeded(body) }

    /// The service's defaults for a test in-process, changed by `adjust`, with a database deadline
    /// of a minute instead of 3 s: every suite runs at once on two cores here, and a write can wait
    /// seconds for its turn. What a deadline does is DatabaseHealthTests' and the chaos script's.
    static func configuration(_ adjust: (inout ServerConfiguration) -> Void = { _ in }) -> ServerConfiguration {
        var configuration = ServerConfiguration(databaseTimeout: .seconds(60))
        adjust(&configuration)
        return configuration
    }

    /// Runs `body` against the service's router in-process.
    static func withRouter<T: Sendable>(
        _ db: Database, configuration: ServerConfiguration = configuration(),
        _ body: @escaping @Sendable (Client) async throws -> T
    ) async throws -> T {
        let app = FirebreakService.application(
            configuration: configuration, database: db, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        return try await app.test(.router) { client in try await body(Client(client: client)) }
    }

    /// A test client with the project's conveniences: a token, a JSON body.
    struct Client: Sendable {
        let client: any TestClientProtocol

        @discardableResult
        func send(
            _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
            body: String? = nil, headers: HTTPFields = [:]
        ) async throws -> Answer {
            var fields = headers
            if let token { fields[.authorization] = "Bearer \(token)" }
            if json != nil { fields[.contentType] = "application/json" }
            let payload = (json ?? body).map { ByteBuffer(string: $0) }
            let response = try await client.execute(uri: uri, method: method, headers: fields, body: payload)
            return Answer(status: response.status, headers: response.headers, body: response.body)
        }
    }
}

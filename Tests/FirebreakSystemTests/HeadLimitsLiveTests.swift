import AsyncHTTPClient
import FirebreakTesting
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Heads too large for the service, sent over a real socket to `firebreak serve`: the in-process
/// router never sees the HTTP decoder, where a 100 KB header used to become an empty 400.
@Suite("The service's limits on URLs and headers, over a socket")
struct HeadLimitsLiveTests {
    static func send(_ url: String, headers: [(String, String)] = []) async throws -> (Int, String, String?) {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTP.client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body), response.headers.first(name: "content-type"))
    }

    @Test func aLongURLIs414AndALargeHeader431AndTheServerServesOn() async throws {
        try await TestDatabase.withFresh { fresh in
            let server = try ServerProcess(environment: ["DATABASE_URL": fresh.url])
            let big = String(repeating: "x", count: 100_000)
            let query = try await Self.send("\(server.url)/v1/teams?team=\(big)")
            #expect(query.0 == 414, "\(query.1.prefix(300))")
            #expect(query.2 == "application/problem+json")
            #expect(query.1.contains("urn:firebreak:problem:uri-too-long"))
            let header = try await Self.send("\(server.url)/v1/teams", headers: [("Authorization", "Bearer \(big)")])
            #expect(header.0 == 431, "\(header.1.prefix(300))")
            #expect(header.2 == "application/problem+json")
            #expect(header.1.contains("urn:firebreak:problem:headers-too-large"))
            let health = try await Self.send("\(server.url)/healthz")
            #expect(health.0 == 200)
            #expect(server.stop() == 0)
            #expect(!server.stderr.contains(String(big.prefix(64))), "the header reached the log")
        }
    }
}

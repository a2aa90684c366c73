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

/// A token of each role over a seeded database.
struct Tokens: Sendable {
    var manager: String
    /// An engineer token acting as amara.
    var amara: String
    /// An engineer token acting as ben.
    var ben: String
    var viewer: String

    func of(_ role: TokenStore.Role) -> String {
        switch role {
        case .manager: manager
        case .engineer: amara
        case .viewer: viewer
        }
    }
}

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
    static let asOf = ReportDate.parse("2026-11-28")!

    /// A fresh database with team CORE, engineers amara and ben, the demo's reports, a stored
    /// plan, and a token of each role.
    static func withSeeded<T: Sendable>(
        _ body: @Sendable (TestDatabase.Fresh, Tokens) async throws -> T
    ) async throws -> T {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            for handle in ["amara", "ben"] {
                try await TeamStore(database: db).addEngineer(
                    Engineer(
                        handle: handle, displayName: handle.capitalized, email: "\(handle)@example.com", team: "CORE"),
                    actor: "test")
            }
            let files = try FileManager.default.contentsOfDirectory(
                at: Fixtures.demoReports, includingPropertiesForKeys: nil)
            for file in files.sorted(by: { $0.path < $1.path }) {
                try await Fixtures.importReport(
                    String(contentsOf: file, encoding: .utf8), file: file.lastPathComponent, into: db)
            }
            _ = try await PlanStore(database: db).generate(team: "CORE", asOf: asOf, horizon: 4, actor: "test")
            let store = TokenStore(database: db)
            let tokens = Tokens(
                manager: try await store.create(name: "manager", role: .manager, engineer: nil, actor: "test"),
                amara: try await store.create(name: "amara", role: .engineer, engineer: "amara", actor: "test"),
                ben: try await store.create(name: "ben", role: .engineer, engineer: "ben", actor: "test"),
                viewer: try await store.create(name: "viewer", role: .viewer, engineer: nil, actor: "test"))
            return try await body(fresh, tokens)
        }
    }

    /// Runs `body` against the service's router in-process.
    static func withRouter<T: Sendable>(
        _ db: Database, configuration: ServerConfiguration = ServerConfiguration(),
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

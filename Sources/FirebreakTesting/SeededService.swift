import FirebreakCore
public import FirebreakStore
public import Foundation

/// A token of each role over a seeded database.
public struct Tokens: Sendable {
    public var manager: String
    /// An engineer token acting as amara.
    public var amara: String
    /// An engineer token acting as ben.
    public var ben: String
    public var viewer: String

    public func of(_ role: TokenStore.Role) -> String {
        switch role {
        case .manager: manager
        case .engineer: amara
        case .viewer: viewer
        }
    }
}

/// The service's test data: the demo team and its reports, a stored plan, a token of each role.
public enum SeededService {
    public static let asOf = ReportDate.parse("2026-11-28")!

    /// A fresh database with team CORE, engineers amara and ben, the demo's reports, a stored
    /// plan, and a token of each role.
    public static func withSeeded<T: Sendable>(
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
}

import Foundation
import Logging
import PostgresNIO

/// The version of a team, incident or action row: it counts the row's changes, so a client
/// that read version 3 can say "change it only if it is still 3" (HTTP `If-Match`).
public enum RowVersion: String, Sendable, CaseIterable {
    case team = "teams"
    case incident = "incidents"
    case action = "actions"

    /// The row's current version.
    public func current(_ key: String, in database: Database) async throws -> Int {
        let rows = try await database.client.query(
            PostgresQuery(unsafeSQL: "SELECT version FROM \(rawValue) WHERE key = $1", binds: Self.binds(key)),
            logger: database.logger)
        for try await version in rows.decode(Int.self) { return version }
        throw StoreError.notFound("no \(noun) \(key)")
    }

    /// Locks the row for the rest of the transaction and checks that it is still at `expected`
    /// (any version when nil); returns the version it is at.
    func lock(_ key: String, expected: Int?, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT version FROM \(rawValue) WHERE key = $1 FOR UPDATE", binds: Self.binds(key)),
            logger: logger)
        var found: Int?
        for try await version in rows.decode(Int.self) { found = version }
        guard let found else { throw StoreError.notFound("no \(noun) \(key)") }
        if let expected, expected != found {
            throw StoreError(
                .stale, "\(noun) \(key) is at version \(found), not \(expected): someone changed it; read it again")
        }
        return found
    }

    var noun: String {
        switch self {
        case .team: "team"
        case .incident: "incident"
        case .action: "action"
        }
    }

    static func binds(_ key: String) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(key)
        return binds
    }
}

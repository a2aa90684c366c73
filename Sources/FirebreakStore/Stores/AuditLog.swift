import Foundation
import Logging
import PostgresNIO

/// Writes audit entries: who did what to which item, in the transaction that did it.
enum AuditLog {
    static func record(
        actor: String, verb: String, subject: String, teamID: Int?, details: [String: String] = [:],
        on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await record(
            actor: actor, verb: verb, subject: subject, teamID: teamID, encoding: details, on: connection,
            logger: logger)
    }

    /// An entry whose details have a shape of their own (a change's before and after values).
    static func record(
        actor: String, verb: String, subject: String, teamID: Int?, encoding details: some Encodable,
        on connection: PostgresConnection, logger: Logger
    ) async throws {
        let json = String(decoding: try JSONEncoder.sorted.encode(details), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO audit_entries (actor, verb, subject, team_id, details)
            VALUES (\(actor), \(verb), \(subject), \(teamID), \(json)::jsonb)
            """, logger: logger)
    }
}

extension JSONEncoder {
    /// Keys sorted, so that stored JSON is stable.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

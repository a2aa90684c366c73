public import FirebreakCore
import Foundation
import Logging
import PostgresNIO

extension IncidentStore {
    /// What an incident's update may change; nil leaves a field as it is.
    public struct Changes: Sendable, Equatable {
        public var title: String?
        public var description: String?
        public var outageMinutes: Int?
        public var tickets: Int?
        public var severity: Severity?
        public var detectedBy: DetectionSource?
        public var status: IncidentStatus?

        public init() {}
    }

    /// Changes incident `key` in one transaction; with `expectedVersion`, only if it is still at
    /// that version (else a `.stale` error). A published report must keep every number scoring
    /// needs (the schema refuses it otherwise). Returns the new version.
    @discardableResult
    public func update(
        _ key: String, changes c: Changes, expectedVersion: Int? = nil, actor: String
    ) async throws
        -> Int
    {
        if let title = c.title, title.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError.invalid("title is empty")
        }
        if let minutes = c.outageMinutes, minutes < 0 { throw StoreError.invalid("outageMinutes is below 0") }
        if let tickets = c.tickets, tickets < 0 { throw StoreError.invalid("tickets is below 0") }
        let logger = database.logger
        return try await database.transaction { connection in
            let version = try await RowVersion.incident.lock(
                key, expected: expectedVersion, on: connection, logger: logger)
            let rows = try await connection.query(
                """
                UPDATE incidents SET title = coalesce(\(c.title), title),
                    description = coalesce(\(c.description), description),
                    outage_minutes = coalesce(\(c.outageMinutes), outage_minutes),
                    tickets = coalesce(\(c.tickets), tickets), severity = coalesce(\(c.severity?.rawValue), severity),
                    detected_by = coalesce(\(c.detectedBy?.rawValue), detected_by),
                    status = coalesce(\(c.status?.rawValue), status),
                    version = version + 1, updated_at = now()
                WHERE key = \(key) RETURNING team_id
                """, logger: logger)
            var teamID: Int?
            for try await id in rows.decode(Int.self) { teamID = id }
            try await AuditLog.record(
                actor: actor, verb: "incident.set", subject: key, teamID: teamID, on: connection, logger: logger)
            return version + 1
        }
    }
}

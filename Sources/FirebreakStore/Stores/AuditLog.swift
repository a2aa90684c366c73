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

extension AuditLog {
    /// The rows whose changes are audited column by column.
    enum Audited {
        case action
        /// A team's columns; its severity aliases are audited one by one (`TeamStore.aliasChanges`).
        case team

        /// The row of `key` as JSON, locked for the rest of the transaction.
        func snapshot(_ key: String, on connection: PostgresConnection, logger: Logger) async throws -> String? {
            let query: PostgresQuery =
                switch self {
                case .action: "SELECT action_audit_row(a)::text FROM actions a WHERE a.key = \(key) FOR UPDATE"
                case .team:
                    "SELECT (to_jsonb(t) - 'severity_aliases')::text FROM teams t WHERE t.key = \(key) FOR UPDATE"
                }
            for try await json in try await connection.query(query, logger: logger).decode(String.self) { return json }
            return nil
        }
    }

    /// An entry whose details are the columns of `key`'s row that differ from `before` (its
    /// `Audited.snapshot` taken before the change), `{"title": {"before": "A", "after": "B"}}`,
    /// with `extra` changes beside them.
    static func recordChanges(
        actor: String, verb: String, _ audited: Audited, key: String, before: String, teamID: Int?,
        extra: [String: AuditedValueChange] = [:], on connection: PostgresConnection, logger: Logger
    ) async throws {
        let extraJSON = String(decoding: try JSONEncoder.sorted.encode(extra), as: UTF8.self)
        let query: PostgresQuery =
            switch audited {
            case .action:
                """
                INSERT INTO audit_entries (actor, verb, subject, team_id, details)
                SELECT \(actor), \(verb), \(key), \(teamID),
                    audit_changes(\(before)::jsonb, action_audit_row(a)) || \(extraJSON)::jsonb
                FROM actions a WHERE a.key = \(key)
                """
            case .team:
                """
                INSERT INTO audit_entries (actor, verb, subject, team_id, details)
                SELECT \(actor), \(verb), \(key), \(teamID),
                    audit_changes(\(before)::jsonb, to_jsonb(t) - 'severity_aliases') || \(extraJSON)::jsonb
                FROM teams t WHERE t.key = \(key)
                """
            }
        try await connection.query(query, logger: logger)
    }
}

/// One value's change, as `audit_changes` writes a column's: `{"before": …, "after": …}`.
struct AuditedValueChange: Encodable, Equatable {
    var before: String?
    var after: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // null, not a missing key, for "there was none".
        try container.encode(before, forKey: .before)
        try container.encode(after, forKey: .after)
    }

    enum CodingKeys: String, CodingKey { case before, after }
}

extension AuditLog {
    /// A report import's own entry (`import.create`, `import.update`) for `incident`: `details`, and
    /// for an incident that existed, the fields the import changed (`prior` is the incident as it was,
    /// `incident_audit_row`), as `incident.set` names them. `ReportSegment.updateActionsAndAudit`
    /// writes the same entries for a segment of reports.
    static func recordReportImport(
        actor: String, verb: String, incident: String, teamID: Int, details: [String: String], prior: String?,
        on connection: PostgresConnection, logger: Logger
    ) async throws {
        let json = String(decoding: try JSONEncoder.sorted.encode(details), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO audit_entries (actor, verb, subject, team_id, details)
            SELECT \(actor), \(verb), i.key, \(teamID),
                \(json)::jsonb || coalesce(audit_changes(\(prior)::jsonb, incident_audit_row(i)), '{}')
            FROM incidents i WHERE i.key = \(incident)
            """, logger: logger)
    }

    /// An `action.import` entry for each action that `report` (an incident key, just imported from
    /// `source`) lists, so that an import is in the history of every action it touched, with what it
    /// changed (`audit_import_changes`): `priors` holds the actions it found as they were before it
    /// (`action_audit_row`, by id); the others it created. `ReportSegment.writeActions` writes the same
    /// entries for a segment of reports.
    static func recordActionImports(
        actor: String, report: String, source: String, priors: [Int: String], on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let ids = Array(priors.keys)
        try await connection.query(
            """
            INSERT INTO audit_entries (actor, verb, subject, team_id, details)
            SELECT \(actor), 'action.import', a.key, a.team_id,
                jsonb_build_object('report', i.key, 'source', \(source)::text)
                    || audit_import_changes(p.row::jsonb, action_audit_row(a))
            FROM incidents i
                JOIN action_incidents l ON l.incident_id = i.id
                JOIN actions a ON a.id = l.action_id
                LEFT JOIN unnest(\(ids)::bigint[], \(ids.map { priors[$0]! })::text[]) AS p(id, row) ON p.id = a.id
            WHERE i.key = \(report)
            ORDER BY l.position
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

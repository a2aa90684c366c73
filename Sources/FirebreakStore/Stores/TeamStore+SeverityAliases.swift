public import FirebreakCore
import Foundation
public import Logging
public import PostgresNIO

/// A team's severity aliases (migration 0006) as stored: a JSON object from the lower-cased alias
/// to the severity's number.
extension TeamStore {
    /// The severity aliases of the team with id `teamID`, read on `connection` so that an import
    /// sees them in its own transaction; empty for a team without any. Read a report's severity
    /// text with `Team.severity(named: text, aliases: aliases)`.
    public static func severityAliases(
        teamID: Int, on connection: PostgresConnection, logger: Logger
    ) async throws -> [String: Severity] {
        let rows = try await connection.query(
            "SELECT key, severity_aliases::text FROM teams WHERE id = \(teamID)", logger: logger)
        for try await (key, json) in rows.decode((String, String).self) {
            return try aliases(fromJSON: json, team: key)
        }
        throw StoreError.notFound("no team with id \(teamID)")
    }

    /// The stored JSON of an alias table (keys sorted, so that it is stable).
    static func aliasJSON(_ aliases: [String: Severity]) throws -> String {
        String(decoding: try JSONEncoder.sorted.encode(aliases.mapValues(\.rawValue)), as: UTF8.self)
    }

    /// An alias table read back; a value that is no severity is an error, not a guess.
    static func aliases(fromJSON json: String, team: String) throws -> [String: Severity] {
        let numbers: [String: Int]
        do {
            numbers = try JSONDecoder().decode([String: Int].self, from: Data(json.utf8))
        } catch {
            throw StoreError.invalid("team \(team) has a severity alias table that is not alias to number: \(json)")
        }
        return try numbers.mapValues { number in
            guard let level = Severity(rawValue: number) else {
                throw StoreError.invalid("team \(team) has a severity alias of \(number), not 1 to 4")
            }
            return level
        }
    }

    /// Audit details for the aliases a change set, changed or removed: `alias <name>` to its level
    /// before and after (null when there was or is none). Unchanged aliases are left out.
    static func aliasChanges(
        from before: [String: Severity], to after: [String: Severity]
    ) -> [String: AuditedValueChange] {
        var details: [String: AuditedValueChange] = [:]
        for alias in Set(before.keys).union(after.keys) where before[alias] != after[alias] {
            details["alias \(alias)"] = AuditedValueChange(
                before: before[alias]?.description, after: after[alias]?.description)
        }
        return details
    }
}

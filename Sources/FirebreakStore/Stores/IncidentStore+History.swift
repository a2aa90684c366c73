import Foundation
import PostgresNIO

extension IncidentStore {
    /// What happened to incident `key`, oldest first: its imports (`import.create`, `import.update`)
    /// and its changes (`incident.set`, with each changed field's before and after value).
    /// Entries of an action that happens to share the key are left out.
    public func history(_ key: String) async throws -> [ClaimStore.HistoryEntry] {
        _ = try await RowVersion.incident.current(key, in: database)
        let rows = try await database.client.query(
            """
            SELECT at, actor, verb, details::text FROM audit_entries
            WHERE subject = \(key) AND (verb LIKE 'incident.%' OR verb IN ('import.create', 'import.update'))
            ORDER BY at, id
            """, logger: database.logger)
        var result: [ClaimStore.HistoryEntry] = []
        for try await (at, actor, verb, details) in rows.decode((Date, String, String, String).self) {
            result.append(
                ClaimStore.HistoryEntry(at: at, actor: actor, verb: verb, details: details == "{}" ? "" : details))
        }
        return result
    }
}

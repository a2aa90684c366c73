import FirebreakCore
import Foundation
import PostgresNIO

/// What a segment's plan reads before it: one query for each kind of thing, for all its reports.
extension SegmentPlanner {
    /// For each report, the incidents the identity rule could find (DESIGN.md section 2): by its key
    /// when it states one; else by its source, else by title and start, in its team.
    func findIncidents(_ prepared: [Prepared]) async throws -> [Found] {
        let keys = NullableArray(prepared.map(\.report.key))
        let teams = prepared.map(\.team.id)
        let sources = NullableArray(prepared.map(\.input.source))
        let titles = prepared.map(\.report.title)
        let starts = NullableArray(prepared.map(\.report.startedAt))
        let rows = try await connection.query(
            """
            SELECT u.n::int, k.id, k.key, s.id, s.key, t.id, t.key
            FROM unnest(\(keys)::text[], \(teams)::bigint[], \(sources)::text[], \(titles)::text[],
                \(starts)::timestamptz[]) WITH ORDINALITY AS u(key, team_id, source, title, started_at, n)
            LEFT JOIN LATERAL (SELECT id, key FROM incidents WHERE key = u.key) k ON true
            LEFT JOIN LATERAL (
                SELECT id, key FROM incidents
                WHERE u.key IS NULL AND team_id = u.team_id AND source = u.source ORDER BY id LIMIT 1) s ON true
            LEFT JOIN LATERAL (
                SELECT id, key FROM incidents
                WHERE u.key IS NULL AND team_id = u.team_id AND lower(title) = lower(u.title)
                    AND started_at = u.started_at
                ORDER BY id LIMIT 1) t ON true
            WHERE k.id IS NOT NULL OR s.id IS NOT NULL OR t.id IS NOT NULL
            """, logger: logger)
        var found = [Found](repeating: Found(), count: prepared.count)
        for try await (n, keyID, key, sourceID, sourceKey, titleID, titleKey) in rows.decode(
            (Int, Int?, String?, Int?, String?, Int?, String?).self)
        {
            found[n - 1] = Found(
                byKey: Self.pair(keyID, key), bySource: Self.pair(sourceID, sourceKey),
                byTitle: Self.pair(titleID, titleKey))
        }
        return found
    }

    static func pair(_ id: Int?, _ key: String?) -> (id: Int, key: String)? {
        guard let id, let key else { return nil }
        return (id, key)
    }

    /// The actions each of `incidents` links now, in link order: id and normalised title.
    func linkedActions(_ incidents: Set<Int>) async throws -> [Int: [(id: Int, title: String)]] {
        guard !incidents.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT l.incident_id, a.id, a.title FROM action_incidents l JOIN actions a ON a.id = l.action_id
            WHERE l.incident_id = ANY(\(Array(incidents)))
            ORDER BY l.incident_id, l.position, a.id
            """, logger: logger)
        var linked: [Int: [(id: Int, title: String)]] = [:]
        for try await (incident, id, title) in rows.decode((Int, Int, String).self) {
            linked[incident, default: []].append((id, ImportRun.normalised(title)))
        }
        return linked
    }

    /// The actions that exist among `keys`: id and title by key.
    func actionsByKey(_ keys: Set<String>) async throws -> [String: (id: Int, title: String)] {
        guard !keys.isEmpty else { return [:] }
        let rows = try await connection.query(
            "SELECT key, id, title FROM actions WHERE key = ANY(\(Array(keys)))", logger: logger)
        var actions: [String: (id: Int, title: String)] = [:]
        for try await (key, id, title) in rows.decode((String, Int, String).self) { actions[key] = (id, title) }
        return actions
    }

    /// The key counters, locked until the transaction ends (as `KeyAllocator` locks them), so that
    /// concurrent imports number their items one after the other.
    func lockCounters() async throws -> [String: Int] {
        let rows = try await connection.query("SELECT prefix, last FROM key_counters FOR UPDATE", logger: logger)
        var counters: [String: Int] = [:]
        for try await (prefix, last) in rows.decode((String, Int).self) { counters[prefix] = last }
        for prefix in KeyAllocator.prefixes where counters[prefix] == nil {
            throw StoreError.unavailable("key counter \(prefix) is missing; run `firebreak db migrate`")
        }
        return counters
    }
}

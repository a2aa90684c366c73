public import FirebreakCore
import Foundation
import PostgresNIO

extension ActionStore {
    /// The actions of `team` (all teams when nil), in natural key order; `statuses` filters when not empty.
    public func list(
        team: String?, statuses: [ActionStatus] = [], on runner: (any QueryRunner)? = nil
    ) async throws -> [Action] {
        try await items(team: team, key: nil, statuses: statuses, on: runner ?? database.client)
    }

    /// The keys of `team`'s open and claimed actions whose category contains `text`, ignoring case: the
    /// backlog's category filter, which reads only the actions it keeps. Category keys are lowercase ASCII
    /// (a CHECK), so lowercasing the text is ignoring case.
    public func activeKeys(
        team: String, categoryContaining text: String, on runner: (any QueryRunner)? = nil
    ) async throws -> Set<String> {
        let rows = try await (runner ?? database.client).run(
            """
            SELECT a.key FROM actions a JOIN teams t ON t.id = a.team_id
            WHERE t.key = \(team) AND a.status IN ('open', 'claimed')
                AND strpos(a.category_key, \(text.lowercased())) > 0
            """, logger: database.logger)
        var keys: Set<String> = []
        for try await key in rows.decode(String.self) { keys.insert(key) }
        return keys
    }

    public func get(_ key: String) async throws -> Action {
        guard let item = try await items(team: nil, key: key, statuses: [], on: database.client).first else {
            throw StoreError.notFound("no action \(key)")
        }
        return item
    }

    func items(
        team: String?, key: String?, statuses: [ActionStatus], on runner: any QueryRunner
    ) async throws -> [Action] {
        let statusNames = statuses.map(\.rawValue)
        let rows = try await runner.run(
            """
            SELECT a.key, a.title, a.description, a.kind, a.category_key, a.estimate, a.status, e.handle, a.owner,
                a.due_on::text, a.external_key, t.key,
                coalesce((SELECT array_agg(d.key) FROM action_dependencies ad
                          JOIN actions d ON d.id = ad.depends_on_id WHERE ad.action_id = a.id), '{}'),
                coalesce((SELECT array_agg(i.key ORDER BY i.started_at NULLS LAST, i.id) FROM action_incidents l
                          JOIN incidents i ON i.id = l.incident_id WHERE l.action_id = a.id), '{}'),
                coalesce((SELECT array_agg(l.coverage ORDER BY i.started_at NULLS LAST, i.id) FROM action_incidents l
                          JOIN incidents i ON i.id = l.incident_id WHERE l.action_id = a.id), '{}'),
                a.labels, a.components, a.sprints
            FROM actions a JOIN teams t ON t.id = a.team_id LEFT JOIN engineers e ON e.id = a.claimed_by
            WHERE (\(team)::text IS NULL OR t.key = \(team)) AND (\(key)::text IS NULL OR a.key = \(key))
                AND (cardinality(\(statusNames)::text[]) = 0 OR a.status = ANY(\(statusNames)::text[]))
            """, logger: database.logger)
        var result: [Action] = []
        for try await r in rows.decode(
            (
                String, String, String, String, String?, Double?, String, String?, String?, String?, String?,
                String,
                [String], [String], [Double], [String], [String], [String]
            ).self)
        {
            result.append(
                Action(
                    key: r.0, title: r.1, description: r.2, kind: try StoredCode.decode(r.3, column: "actions.kind"),
                    category: r.4, estimate: r.5,
                    status: try StoredCode.decode(r.6, column: "actions.status"), claimedBy: r.7, owner: r.8,
                    due: r.9.flatMap { CalendarDate($0) }, externalKey: r.10, team: r.11,
                    dependsOn: r.12.sorted(by: ItemKey.naturalLess),
                    links: zip(r.13, r.14).map { Action.Link(incident: $0, coverage: $1) }, labels: r.15,
                    components: r.16, sprints: r.17))
        }
        return result.sorted { ItemKey.naturalLess($0.key, $1.key) }
    }
}

public import FirebreakCore
import Foundation
import PostgresNIO

/// Reads outage reports back: listings, and a whole report for `show` and `export report`.
public struct IncidentStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    public func list(team: String?) async throws -> [Incident] {
        let rows = try await database.client.query(
            """
            SELECT i.key, i.title, t.key, i.started_at, i.outage_minutes, i.severity::int, i.detected_by, i.tickets,
                i.status, (SELECT count(*)::int FROM action_incidents l WHERE l.incident_id = i.id)
            FROM incidents i JOIN teams t ON t.id = i.team_id
            WHERE \(team)::text IS NULL OR t.key = \(team)
            ORDER BY i.started_at NULLS LAST, i.id
            """, logger: database.logger)
        var result: [Incident] = []
        for try await r in rows.decode(
            (String, String, String, Date?, Int?, Int?, String, Int?, String, Int).self)
        {
            result.append(
                Incident(
                    key: r.0, title: r.1, team: r.2, startedAt: r.3, outageMinutes: r.4,
                    severity: try StoredCode.decodeIfPresent(r.5, column: "incidents.severity"),
                    detectedBy: try StoredCode.decode(r.6, column: "incidents.detected_by"), tickets: r.7,
                    status: try StoredCode.decode(r.8, column: "incidents.status"), actions: r.9))
        }
        return result
    }

    /// The whole report of incident `key`, with its actions in the report's order.
    public func report(_ key: String) async throws -> OutageReport {
        let rows = try await database.client.query(
            """
            SELECT i.id, i.title, i.description, i.started_at, i.outage_minutes, i.severity::int, i.detected_by,
                i.tickets, i.explanation, i.investigations, t.key,
                coalesce((SELECT array_agg(c.name ORDER BY ic.position) FROM incident_components ic
                          JOIN components c ON c.id = ic.component_id WHERE ic.incident_id = i.id), '{}'),
                coalesce((SELECT array_agg(ic.category_key ORDER BY ic.position) FROM incident_categories ic
                          WHERE ic.incident_id = i.id), '{}')
            FROM incidents i JOIN teams t ON t.id = i.team_id WHERE i.key = \(key)
            """, logger: database.logger)
        var found: (Int, OutageReport)?
        for try await r in rows.decode(
            (
                Int, String, String, Date?, Int?, Int?, String, Int?, String, String, String, [String],
                [String]
            ).self)
        {
            found = (
                r.0,
                OutageReport(
                    key: key, title: r.1, description: r.2, startedAt: r.3, outageMinutes: r.4,
                    severity: try StoredCode.decodeIfPresent(r.5, column: "incidents.severity"),
                    detectedBy: try StoredCode.decode(r.6, column: "incidents.detected_by"),
                    tickets: r.7, components: r.11, categories: r.12, team: r.10, explanation: r.8,
                    investigations: r.9)
            )
        }
        guard let found else { throw StoreError.notFound("no incident \(key)") }
        let id = found.0
        var report = found.1
        let actions = try await database.client.query(
            """
            SELECT a.key, a.title, a.kind, a.description, a.estimate, l.coverage, a.due_on::text, a.external_key, a.owner,
                coalesce((SELECT array_agg(d.key ORDER BY d.key) FROM action_dependencies ad
                          JOIN actions d ON d.id = ad.depends_on_id WHERE ad.action_id = a.id), '{}'),
                a.status = 'done'
            FROM action_incidents l JOIN actions a ON a.id = l.action_id
            WHERE l.incident_id = \(id) ORDER BY l.position, a.id
            """, logger: database.logger)
        for try await a in actions.decode(
            (String, String, String, String, Double?, Double, String?, String?, String?, [String], Bool).self)
        {
            report.actions.append(
                ReportedAction(
                    key: a.0, title: a.1,
                    kind: try StoredCode.decode(a.2, as: ActionKind.self, column: "actions.kind") as ActionKind,
                    description: a.3,
                    estimate: a.4,
                    coverage: a.5 == 1 ? nil : a.5, due: a.6.flatMap { CalendarDate($0) }, jira: a.7, owner: a.8,
                    dependsOn: a.9, completed: a.10))
        }
        return report
    }
}

public import FirebreakCore
public import Foundation
import PostgresNIO

/// The ranked backlog and everything behind it.
///
/// `rank` pushes the formula of DESIGN.md section 4 into one SQL aggregate, so that
/// ranking 100,000 actions costs about what PostgreSQL needs to read the links; the
/// pure `BacklogRanking` is the reference, and a test holds both to the same results.
/// Explanations, lint and reports load the facts and use the pure functions.
public struct BacklogStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// What the pure functions need: the team, its incidents' facts and its actions.
    public struct Snapshot: Sendable {
        public var team: Team
        public var incidents: [IncidentFacts]
        public var items: [Action]

        public var incidentsByKey: [String: IncidentFacts] {
            Dictionary(uniqueKeysWithValues: incidents.map { ($0.key, $0) })
        }
    }

    /// The team's open and claimed actions, ranked as of `asOf`.
    public func rank(team key: String, asOf: Date, on runner: (any QueryRunner)? = nil) async throws -> [RankedItem] {
        let runner = runner ?? database.client
        let team = try await TeamStore(database: database).get(key, on: runner)
        let w = team.weights
        let s = w.severityWeights
        let rows = try await runner.run(
            """
            WITH team AS (SELECT id FROM teams WHERE key = \(key)),
            -- Summed in the order the Core's ranking reads links (ActionStore's), so that a value is the same
            -- to the last bit whatever order the rows were written in.
            links AS (
                SELECT l.action_id,
                    sum(CASE WHEN i.started_at <= \(asOf) THEN l.coverage
                        * (coalesce(i.outage_minutes, 0) * (CASE i.severity WHEN 1 THEN \(s[0]) WHEN 2 THEN \(s[1])
                            WHEN 3 THEN \(s[2]) WHEN 4 THEN \(s[3]) ELSE \(s[4]) END)
                           + \(w.ticketWeight) * coalesce(i.tickets, 0))
                        * (CASE WHEN i.detected_by = 'customer' THEN \(w.customerMultiplier) ELSE 1.0::float8 END)
                        * (CASE WHEN extract(epoch FROM (\(asOf)::timestamptz - i.started_at))::float8 / 86400.0
                                / \(IncidentCost.forgottenAfterHalfLives) > \(w.halfLifeDays) THEN 0::float8
                            ELSE power(0.5::float8,
                                (extract(epoch FROM (\(asOf)::timestamptz - i.started_at))::float8 / 86400.0)
                                / \(w.halfLifeDays)) END)
                        ELSE 0 END ORDER BY i.started_at NULLS LAST, i.id) AS value,
                    -- Unordered: the keys are put in natural order below.
                    array_agg(i.key) AS incidents
                FROM action_incidents l JOIN incidents i ON i.id = l.incident_id
                WHERE i.team_id = (SELECT id FROM team)
                GROUP BY l.action_id
            )
            SELECT a.key, a.title, a.kind, a.status, a.estimate, e.handle, coalesce(links.value, 0)::float8,
                coalesce(links.incidents, '{}')
            FROM actions a
            LEFT JOIN links ON links.action_id = a.id
            LEFT JOIN engineers e ON e.id = a.claimed_by
            WHERE a.team_id = (SELECT id FROM team) AND a.status IN ('open', 'claimed')
            """, logger: database.logger)
        var items: [RankedItem] = []
        for try await r in rows.decode(
            (String, String, String, String, Double?, String?, Double, [String]).self)
        {
            let effort = r.4 ?? w.defaultEstimate
            items.append(
                RankedItem(
                    rank: 0, key: r.0, title: r.1, kind: try StoredCode.decode(r.2, column: "actions.kind"),
                    status: try StoredCode.decode(r.3, column: "actions.status"), value: r.6, effort: effort,
                    estimated: r.4 != nil,
                    priority: r.6 / effort, incidents: r.7.sorted(by: ItemKey.naturalLess), claimedBy: r.5))
        }
        return BacklogRanking.order(items)
    }

    /// The team, its incidents and all its actions, for explanations, lint and reports.
    public func snapshot(team key: String, on runner: (any QueryRunner)? = nil) async throws -> Snapshot {
        let runner = runner ?? database.client
        let team = try await TeamStore(database: database).get(key, on: runner)
        let rows = try await runner.run(
            """
            SELECT i.key, i.started_at, i.outage_minutes, i.severity::int, i.detected_by, i.tickets,
                coalesce((SELECT array_agg(ic.category_key ORDER BY ic.position) FROM incident_categories ic
                          WHERE ic.incident_id = i.id), '{}')
            FROM incidents i JOIN teams t ON t.id = i.team_id WHERE t.key = \(key)
            ORDER BY i.started_at NULLS LAST, i.id
            """, logger: database.logger)
        var incidents: [IncidentFacts] = []
        for try await r in rows.decode((String, Date?, Int?, Int?, String, Int?, [String]).self) {
            incidents.append(
                IncidentFacts(
                    key: r.0, startedAt: r.1, outageMinutes: r.2,
                    severity: try StoredCode.decodeIfPresent(r.3, column: "incidents.severity"),
                    detectedBy: try StoredCode.decode(r.4, column: "incidents.detected_by"), tickets: r.5,
                    categories: r.6))
        }
        let items = try await ActionStore(database: database).list(team: key, on: runner)
        return Snapshot(team: team, incidents: incidents, items: items)
    }
}

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

    /// The team's open and claimed actions, ranked as of `asOf`. Without `titles` each item's title
    /// is empty: a plan shows the titles of only the few items it places, and need not read, hold
    /// and free one for every action of the backlog.
    public func rank(
        team key: String, asOf: Date, on runner: (any QueryRunner)? = nil, titles: Bool = true
    ) async throws -> [RankedItem] {
        BacklogRanking.order(try await unordered(team: key, asOf: asOf, on: runner, titles: titles))
    }

    /// The items `rank` orders, in the order they were read, which is the order their incident lists
    /// were allocated in: a pass over every item's incidents in that order reads memory in sequence,
    /// where in rank order each list is a cache miss once a million of them no longer fit the caches.
    func unordered(
        team key: String, asOf: Date, on runner: (any QueryRunner)?, titles: Bool
    ) async throws -> [RankedItem] {
        let runner = runner ?? database.client
        let team = try await TeamStore(database: database).get(key, on: runner)
        let w = team.weights
        let s = w.severityWeights
        let rows = try await runner.run(
            """
            WITH team AS (SELECT id FROM teams WHERE key = \(key)),
            -- Each incident's cost once (as IncidentCost computes it), not once a link: OFFSET 0 keeps the
            -- planner from pulling the subquery up and evaluating the formula for every link, while (unlike
            -- a materialized CTE) the planner still knows the incidents' ids, so it hashes the incidents, not
            -- the three times as many links. Scaled by 2^32 for the sum below.
            costs AS (
                SELECT i.id, i.key, CASE WHEN i.started_at <= \(asOf) THEN
                        (coalesce(i.outage_minutes, 0) * (CASE i.severity WHEN 1 THEN \(s[0]) WHEN 2 THEN \(s[1])
                            WHEN 3 THEN \(s[2]) WHEN 4 THEN \(s[3]) ELSE \(s[4]) END)
                           + \(w.ticketWeight) * coalesce(i.tickets, 0))
                        * (CASE WHEN i.detected_by = 'customer' THEN \(w.customerMultiplier) ELSE 1.0::float8 END)
                        * (CASE WHEN extract(epoch FROM (\(asOf)::timestamptz - i.started_at))::float8 / 86400.0
                                / \(IncidentCost.forgottenAfterHalfLives) > \(w.halfLifeDays) THEN 0::float8
                            ELSE power(0.5::float8,
                                (extract(epoch FROM (\(asOf)::timestamptz - i.started_at))::float8 / 86400.0)
                                / \(w.halfLifeDays)) END)
                        * \(ValueSum.scale)
                    ELSE 0::float8 END AS scaled
                FROM incidents i WHERE i.team_id = (SELECT id FROM team) OFFSET 0
            ),
            -- Summed exactly (ValueSum), so that a value is the same to the last bit whatever order the
            -- rows come in, without sorting each action's links: whole units of 2^-32 as integers, and a
            -- term too large for bigint as numeric.
            links AS (
                SELECT l.action_id,
                    sum(CASE WHEN l.coverage * c.scaled < \(ValueSum.largeScaled) THEN (l.coverage * c.scaled)::int8 END)
                        AS units,
                    sum(CASE WHEN l.coverage * c.scaled >= \(ValueSum.largeScaled) THEN (l.coverage * c.scaled)::numeric END)
                        AS large,
                    -- Keys have no spaces (their CHECK); put in natural order below.
                    string_agg(c.key, ' ') AS incidents
                FROM action_incidents l JOIN costs c ON c.id = l.incident_id
                GROUP BY l.action_id
            )
            SELECT a.key, \(unescaped: titles ? "a.title" : "''"), a.kind, a.status, a.estimate, e.handle,
                (coalesce(links.units, 0) + coalesce(links.large, 0))::float8 / \(ValueSum.scale),
                coalesce(links.incidents, '')
            FROM actions a
            LEFT JOIN links ON links.action_id = a.id
            LEFT JOIN engineers e ON e.id = a.claimed_by
            WHERE a.team_id = (SELECT id FROM team) AND a.status IN ('open', 'claimed')
            """, logger: database.logger)
        var items: [RankedItem] = []
        for try await row in rows {
            var r = ColumnReader(row)
            let key = try r.next(String.self)
            let title = try r.next(String.self)
            let kind: ActionKind = try StoredCode.decode(try r.next(String.self), column: "actions.kind")
            let status: ActionStatus = try StoredCode.decode(try r.next(String.self), column: "actions.status")
            let estimate = try r.next(Double?.self)
            let claimedBy = try r.next(String?.self)
            let value = try r.next(Double.self)
            let keys = try r.next(String.self)
            let effort = estimate ?? w.defaultEstimate
            items.append(
                RankedItem(
                    rank: 0, key: key, title: title, kind: kind, status: status, value: value, effort: effort,
                    estimated: estimate != nil, priority: value / effort,
                    incidents: ItemKey.naturallySorted(spaceSeparated: keys),
                    claimedBy: claimedBy))
        }
        return items
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

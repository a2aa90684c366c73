public import FirebreakCore
import Foundation
import Logging
import PostgresNIO

/// Streams a stored plan's items, with everything an export row needs, in plan order:
/// the planned items sprint by sprint, then (optionally) the unplanned backlog in rank order.
///
/// Rows come from one query over the plan's stored JSON and are handed over as they arrive,
/// so an export's memory does not grow with the plan.
public struct ExportStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// What the header of a Jira CSV needs to know before the first row.
    public struct Shape: Sendable, Equatable {
        public var plan: Int
        public var rows: Int
        public var maxIncidents: Int
        public var maxComponents: Int
        public var hasCategory: Bool
        /// The most labels an action with labels of its own from Jira exports: `firebreak`, its
        /// category, its incidents' keys and its own labels, each once. 0 when none has any.
        public var maxOwnLabels: Int
        /// The most components an action with components of its own exports: its own and its
        /// incidents', each once. 0 when none has any.
        public var maxOwnComponents: Int
        /// The most sprints an action has from Jira.
        public var maxSprints: Int

        /// `Labels` columns: every label of every exported item fits.
        public var labelColumns: Int { max(1 + (hasCategory ? 1 : 0) + maxIncidents, maxOwnLabels) }
        /// `Component/s` columns.
        public var componentColumns: Int { max(maxComponents, maxOwnComponents) }
        /// `Sprint` columns: an item's sprints from Jira and the plan's sprint.
        public var sprintColumns: Int { maxSprints + 1 }
    }

    /// The plan number to export: `number`, or the newest.
    public func planNumber(team: String, number: Int?) async throws -> Int {
        if let number { return try await PlanStore(database: database).get(team: team, number: number).number }
        let rows = try await database.client.query(
            "SELECT max(p.number) FROM plans p JOIN teams t ON t.id = p.team_id WHERE t.key = \(team)",
            logger: database.logger)
        for try await n in rows.decode(Int?.self) {
            if let n { return n }
        }
        throw StoreError.notFound("team \(team) has no plan yet; run `firebreak plan`")
    }

    /// Every incident the exported items link, in first-seen order: for epics per incident.
    public func incidents(team: String, plan: Int, includeBacklog: Bool) async throws -> [(key: String, title: String)]
    {
        let rows = try await database.client.query(
            Self.query(
                team: team, plan: plan, includeBacklog: includeBacklog,
                select: "SELECT x.keys, x.titles"), logger: database.logger)
        var seen: Set<String> = []
        var result: [(String, String)] = []
        for try await (keys, titles) in rows.decode(([String], [String]).self) {
            for (key, title) in zip(keys, titles) where seen.insert(key).inserted { result.append((key, title)) }
        }
        return result
    }

    /// Calls `shape` once with what the header needs, then `body` with each exported item, in plan
    /// order.
    ///
    /// The rows come through a server-side cursor, 2,000 at a time, inside one read-only
    /// transaction: however many rows there are, no more than two batches are ever held here. The
    /// shape comes with the first row (window aggregates over the exported rows), so the rows are
    /// read once: PostgreSQL has them all in hand before its first row anyway, to sort them.
    public func items(
        team: String, plan: Int, includeBacklog: Bool, shape: (Shape) async throws -> Void,
        _ body: (JiraExportItem) async throws -> Void
    ) async throws {
        let logger = database.logger
        var declare = Self.query(
            team: team, plan: plan, includeBacklog: includeBacklog, select: Self.itemsSelect)
        declare.sql = "DECLARE firebreak_export NO SCROLL CURSOR FOR " + declare.sql
        try await database.client.withConnection { connection in
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            do {
                try await connection.query(declare, logger: logger)
                var batch = try await Self.fetch(plan: plan, readingShape: true, on: connection, logger: logger)
                try await shape(batch.shape ?? Shape(plan: plan))
                while !batch.items.isEmpty {
                    // The next batch is fetched and read while this one is written: the database,
                    // the reading and the writing go side by side instead of taking turns.
                    let more = batch.items.count == Self.batch
                    async let next =
                        more ? Self.fetch(plan: plan, readingShape: false, on: connection, logger: logger) : Batch()
                    for item in batch.items { try await body(item) }
                    batch = try await next
                }
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    static let batch = 2000

    /// Items read from the cursor, and the shape their first row carries when it was asked for.
    struct Batch: Sendable {
        var items: [JiraExportItem] = []
        var shape: Shape?
    }

    /// The cursor's next batch, read whole: items, not rows, which hold on to the buffers they came in.
    static func fetch(
        plan: Int, readingShape: Bool, on connection: PostgresConnection, logger: Logger
    ) async throws -> Batch {
        var batch = Batch()
        batch.items.reserveCapacity(Self.batch)
        for try await row in try await connection.query("FETCH 2000 FROM firebreak_export", logger: logger) {
            var columns = ColumnReader(row)
            batch.items.append(try ExportRow(&columns).item())
            if readingShape, batch.shape == nil { batch.shape = try Shape(plan: plan, reading: &columns) }
        }
        return batch
    }

    /// The columns of an exported item (ExportRow), then the shape's (the same on every row), over `rowsSQL`.
    public static let itemsSelect = """
        SELECT r.key, a.title, a.description, a.kind, a.category_key, a.estimate, r.effort, r.value, r.rank,
            r.sprint, r.sprint_number, r.improvement, e.email, a.due_on::text, x.keys, x.titles, x.minutes,
            x.tickets, x.coverage, c.names, a.external_key, a.labels, a.components, a.sprints,
            count(*) OVER ()::int, coalesce(max(cardinality(x.keys)) OVER (), 0)::int,
            coalesce(max(cardinality(c.names)) OVER (), 0)::int, bool_or(a.category_key IS NOT NULL) OVER (),
            max(CASE WHEN cardinality(a.labels) > 0 THEN (
                    SELECT count(DISTINCT v) FROM unnest(a.labels || ARRAY['firebreak', a.category_key] || x.keys) v
                    WHERE v IS NOT NULL)
                ELSE 0 END) OVER ()::int,
            max(CASE WHEN cardinality(a.components) > 0 THEN (
                    SELECT count(DISTINCT v) FROM unnest(a.components || c.names) v)
                ELSE 0 END) OVER ()::int,
            coalesce(max(cardinality(a.sprints)) OVER (), 0)::int
        """

    /// Plan order: the sprints' items, then the backlog in rank order.
    public static let orderSQL = "ORDER BY r.part, r.n"

    /// The rows of a stored plan, with `select` over them. The SQL is constant; the team, plan
    /// number and backlog switch are bound.
    static func query(
        team: String, plan: Int, includeBacklog: Bool, select: String, ordered: Bool = true
    ) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(team)
        binds.append(plan)
        binds.append(includeBacklog)
        return PostgresQuery(
            unsafeSQL: select + "\n" + rowsSQL + (ordered ? "\n" + orderSQL : ""), binds: binds)
    }

    /// `$1` team key, `$2` plan number, `$3` include the backlog. Public for the benchmark, which runs
    /// the same rows through `COPY`.
    public static let rowsSQL = """
        FROM (
            SELECT it->>'key' AS key, (it->>'rank')::int AS rank, (it->>'value')::float8 AS value,
                (it->>'effort')::float8 AS effort, s->>'name' AS sprint, (s->>'number')::int AS sprint_number,
                (s->>'kind') = 'improvement' AS improvement, it->>'claimedBy' AS claimed_by, so.n AS part, io.n AS n
            FROM plans p JOIN teams t ON t.id = p.team_id,
                jsonb_array_elements(p.body->'sprints') WITH ORDINALITY so(s, n),
                jsonb_array_elements(s->'items') WITH ORDINALITY io(it, n)
            WHERE t.key = $1 AND p.number = $2
            UNION ALL
            SELECT u.key, u.rank, u.value, u.effort, NULL, NULL, false, NULL, 1000000, u.n
            FROM plans p JOIN teams t ON t.id = p.team_id,
                unnest(p.unplanned_keys, p.unplanned_ranks, p.unplanned_values, p.unplanned_efforts)
                    WITH ORDINALITY u(key, rank, value, effort, n)
            WHERE t.key = $1 AND p.number = $2 AND $3
        ) r
        JOIN actions a ON a.key = r.key
        LEFT JOIN engineers e ON e.handle = r.claimed_by
        CROSS JOIN LATERAL (
            SELECT coalesce(array_agg(i.key ORDER BY i.started_at NULLS LAST, i.id), '{}') AS keys,
                coalesce(array_agg(i.title ORDER BY i.started_at NULLS LAST, i.id), '{}') AS titles,
                coalesce(array_agg(coalesce(i.outage_minutes, -1) ORDER BY i.started_at NULLS LAST, i.id), '{}') AS minutes,
                coalesce(array_agg(coalesce(i.tickets, -1) ORDER BY i.started_at NULLS LAST, i.id), '{}') AS tickets,
                coalesce(array_agg(l.coverage ORDER BY i.started_at NULLS LAST, i.id), '{}') AS coverage
            FROM action_incidents l JOIN incidents i ON i.id = l.incident_id WHERE l.action_id = a.id
        ) x
        CROSS JOIN LATERAL (
            SELECT coalesce(array_agg(DISTINCT c.name ORDER BY c.name), '{}') AS names
            FROM action_incidents l JOIN incident_components ic ON ic.incident_id = l.incident_id
            JOIN components c ON c.id = ic.component_id WHERE l.action_id = a.id
        ) c
        """
}

extension ExportStore.Shape {
    /// A plan with nothing to export.
    init(plan: Int) {
        self.init(
            plan: plan, rows: 0, maxIncidents: 0, maxComponents: 0, hasCategory: false, maxOwnLabels: 0,
            maxOwnComponents: 0, maxSprints: 0)
    }

    /// Reads the shape's columns, which follow an item's in every row of `itemsSelect`.
    init(plan: Int, reading r: inout ColumnReader) throws {
        self.init(
            plan: plan, rows: try r.next(), maxIncidents: try r.next(), maxComponents: try r.next(),
            hasCategory: try r.next(), maxOwnLabels: try r.next(), maxOwnComponents: try r.next(),
            maxSprints: try r.next())
    }
}

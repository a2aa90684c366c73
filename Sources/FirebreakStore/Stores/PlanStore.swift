public import FirebreakCore
public import Foundation
import Logging
import PostgresNIO

/// Generates, stores and reads plans. A stored plan never changes (the schema refuses it);
/// a new plan is a new number.
public struct PlanStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// The largest plan number a caller may name: nine digits, as the API document's pattern allows;
    /// a larger one names no plan and is refused before the database's `integer` would be.
    public static let maxNumber = 999_999_999

    /// One line of `plan list`.
    public struct Summary: Sendable, Codable, Equatable {
        public var number: Int
        public var asOf: Date
        public var createdAt: Date
        public var createdBy: String
        public var sprints: Int
        public var items: Int
        public var value: Double
    }

    /// Plans the `horizon` sprints from the one containing `asOf` and stores the plan.
    ///
    /// Generation for one team is serialised by a session advisory lock, and its reads run in
    /// one REPEATABLE READ transaction taken after the lock: two managers at once get two
    /// consistent plans, numbered one after the other, never a mix.
    public func generate(team key: String, asOf: Date, horizon: Int, actor: String) async throws -> Plan {
        try await plan(team: key, asOf: asOf, horizon: horizon, storedBy: actor)
    }

    /// The plan `generate` would store now, computed in the same way but not stored (`plan --dry-run`,
    /// the API's preview): its number is 0, and nothing is written, not even to the audit log.
    public func preview(team key: String, asOf: Date, horizon: Int) async throws -> Plan {
        try await plan(team: key, asOf: asOf, horizon: horizon, storedBy: nil)
    }

    /// Computes the plan; stores it and audits it when `actor` is given.
    func plan(team key: String, asOf: Date, horizon: Int, storedBy actor: String?) async throws -> Plan {
        guard (1...52).contains(horizon) else { throw StoreError.invalid("sprints must be 1 to 52") }
        let logger = database.logger
        let teamID = try await ActionStore.teamID(key, on: database.client, logger: logger)
        let store = self
        return try await database.client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(2, \(teamID)::int)", logger: logger)
            do {
                let plan = try await connection.withTransaction(logger: logger) { tx in
                    try await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger)
                    if actor == nil { try await tx.query("SET TRANSACTION READ ONLY", logger: logger) }
                    let plan = try await store.compute(team: key, teamID: teamID, asOf: asOf, horizon: horizon, on: tx)
                    guard let actor else { return plan.plan }
                    return try await store.store(plan, teamID: teamID, horizon: horizon, actor: actor, on: tx)
                }
                try await connection.query("SELECT pg_advisory_unlock(2, \(teamID)::int)", logger: logger)
                return plan
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(2, \(teamID)::int)", logger: logger)
                throw Database.translate(error)
            }
        }
    }

    /// A plan computed from one consistent read, with what storing it needs.
    struct Computed {
        var plan: Plan
        /// The ranking the plan was made from, without titles or incident lists.
        var ranked: [RankedItem]
        var team: Team
    }

    func compute(
        team key: String, teamID: Int, asOf: Date, horizon: Int, on tx: PostgresConnection
    ) async throws
        -> Computed
    {
        let team = try await TeamStore(database: database).get(key, on: tx)
        var read = try await BacklogStore(database: database).unordered(team: key, asOf: asOf, on: tx, titles: false)
        let facts = try await planningFacts(teamID: teamID, items: read, on: tx)
        // Nothing after the facts reads the items' incident lists: they are freed now, in the order they
        // were allocated, not at the end in rank order, a cache miss each at a million items.
        for i in read.indices { read[i].incidents = [] }
        let ranked = BacklogRanking.order(consume read)
        let sprints = try await calendar(team: team, teamID: teamID, on: tx)
            .sprints(from: CalendarDate(containing: asOf), count: horizon)
        var plan = Planner.plan(team: key, asOf: asOf, ranked: ranked, sprints: sprints, facts: facts)
        try await titlePlacedItems(of: &plan, teamID: teamID, on: tx)
        return Computed(plan: plan, ranked: ranked, team: team)
    }

    /// The titles of the items the plan places, which the ranking it was made from left out.
    func titlePlacedItems(of plan: inout Plan, teamID: Int, on tx: PostgresConnection) async throws {
        let keys = plan.sprints.flatMap { $0.items.map(\.key) }
        guard !keys.isEmpty else { return }
        var titles: [String: String] = [:]
        let rows = try await tx.query(
            "SELECT key, title FROM actions WHERE team_id = \(teamID) AND key = ANY(\(keys))", logger: database.logger)
        for try await (key, title) in rows.decode((String, String).self) { titles[key] = title }
        for s in plan.sprints.indices {
            for i in plan.sprints[s].items.indices {
                plan.sprints[s].items[i].title = titles[plan.sprints[s].items[i].key] ?? ""
            }
        }
    }

    func store(
        _ computed: Computed, teamID: Int, horizon: Int, actor: String, on tx: PostgresConnection
    ) async throws
        -> Plan
    {
        let logger = database.logger
        var plan = computed.plan
        let rows = try await tx.query(
            "SELECT coalesce(max(number), 0) + 1 FROM plans WHERE team_id = \(teamID)", logger: logger)
        for try await number in rows.decode(Int.self) { plan.number = number }
        let stored = StoredPlan(plan, ranked: computed.ranked)
        let parameters = String(
            decoding: try PlanJSON.encoder.encode(
                PlanParameters(
                    sprints: horizon, asOf: plan.asOf, weights: computed.team.weights, cadence: computed.team.cadence)),
            as: UTF8.self)
        try await tx.query(
            """
            INSERT INTO plans (team_id, number, as_of, parameters, body, created_by,
                unplanned_keys, unplanned_ranks, unplanned_values, unplanned_efforts)
            VALUES (\(teamID), \(plan.number), \(plan.asOf), \(parameters)::jsonb, \(try stored.json())::jsonb, \(actor),
                \(stored.unplannedKeys), \(stored.unplannedRanks), \(stored.unplannedValues), \(stored.unplannedEfforts))
            """, logger: logger)
        try await AuditLog.record(
            actor: actor, verb: "plan.generate", subject: "\(plan.team) plan \(plan.number)", teamID: teamID,
            details: ["sprints": String(horizon), "asOf": ISO8601Format.string(plan.asOf)], on: tx, logger: logger)
        return plan
    }

    /// Dependencies, due dates, what is done, and the incidents' gaps: only the rows that carry them.
    /// `items` are the open and claimed ones, in any order.
    func planningFacts(teamID: Int, items: [RankedItem], on tx: any QueryRunner) async throws -> PlanningFacts {
        let logger = database.logger
        var facts = PlanningFacts()
        let actions = try await tx.run(
            """
            SELECT a.key, a.status, a.due_on::text, coalesce(d.keys, '{}')
            FROM actions a
            LEFT JOIN (SELECT ad.action_id, array_agg(x.key) AS keys FROM action_dependencies ad
                       JOIN actions x ON x.id = ad.depends_on_id GROUP BY ad.action_id) d ON d.action_id = a.id
            WHERE a.team_id = \(teamID) AND (a.status = 'done' OR a.due_on IS NOT NULL OR d.keys IS NOT NULL)
            """, logger: logger)
        for try await (key, status, due, dependencies) in actions.decode((String, String, String?, [String]).self) {
            if status == "done" { facts.done.insert(key) }
            if let due = due.flatMap({ CalendarDate($0) }) { facts.due[key] = due }
            if !dependencies.isEmpty { facts.dependencies[key] = dependencies.sorted(by: ItemKey.naturalLess) }
        }
        // The items already name the incidents that open and claimed actions cover; only the
        // incidents they leave uncovered are looked up among done and won't-fix actions. Each key is
        // found in an index of the team's incidents and marked there: a million ranked items name
        // three million keys, and gathering them into sets cost a second at that size.
        let rows = try await tx.run(
            "SELECT key, detected_by FROM incidents WHERE team_id = \(teamID) ORDER BY started_at NULLS LAST, id",
            logger: logger)
        var incidents: [(key: String, customer: Bool)] = []
        for try await (key, source) in rows.decode((String, String).self) {
            incidents.append((key, source == "customer"))
        }
        var position: [String: Int] = [:]
        position.reserveCapacity(incidents.count)
        for (i, incident) in incidents.enumerated() { position[incident.key] = i }
        var linked = [Bool](repeating: false, count: incidents.count)
        var detected = linked
        func mark(_ key: String, detect: Bool) {
            guard let p = position[key] else { return }
            linked[p] = true
            if detect { detected[p] = true }
        }
        for i in items.indices {  // by index: each item read in place, not copied whole
            for key in items[i].incidents { mark(key, detect: items[i].kind == .detect) }
        }
        let open = incidents.indices.filter { !linked[$0] || (incidents[$0].customer && !detected[$0]) }.map {
            incidents[$0].key
        }
        if !open.isEmpty {
            let closed = try await tx.run(
                """
                SELECT i.key, bool_or(a.kind = 'detect' AND a.status <> 'wontfix')
                FROM action_incidents l JOIN actions a ON a.id = l.action_id JOIN incidents i ON i.id = l.incident_id
                WHERE i.team_id = \(teamID) AND i.key = ANY(\(open)) AND a.status IN ('done', 'wontfix')
                GROUP BY i.key
                """, logger: logger)
            for try await (key, detect) in closed.decode((String, Bool).self) { mark(key, detect: detect) }
        }
        let noDetect = incidents.indices.filter { incidents[$0].customer && !detected[$0] }.map {
            LintRules.noDetectAction(incidents[$0].key)
        }
        let noAction = incidents.indices.filter { !linked[$0] }.map { LintRules.noAction(incidents[$0].key) }
        facts.findings = noDetect + noAction
        return facts
    }

    /// The team's calendar: engineers, their time off, and incident costs for the error-budget rule.
    public func calendar(team key: String) async throws -> SprintCalendar {
        let team = try await TeamStore(database: database).get(key)
        let teamID = try await ActionStore.teamID(key, on: database.client, logger: database.logger)
        return try await calendar(team: team, teamID: teamID, on: database.client)
    }

    func calendar(team: Team, teamID: Int, on runner: any QueryRunner) async throws -> SprintCalendar {
        let teams = TeamStore(database: database)
        let engineers = try await teams.engineers(team: team.key, on: runner)
        let timeOff = try await teams.timeOff(team: team.key, on: runner)
        var costs: [(started: CalendarDate, cost: Double)] = []
        if team.cadence.budgetCost != nil {  // only the error-budget rule needs the incidents
            let rows = try await runner.run(
                """
                SELECT key, started_at, outage_minutes, severity::int, detected_by, tickets
                FROM incidents WHERE team_id = \(teamID) AND started_at IS NOT NULL
                """, logger: database.logger)
            for try await r in rows.decode((String, Date, Int?, Int?, String, Int?).self) {
                let facts = IncidentFacts(
                    key: r.0, startedAt: r.1, outageMinutes: r.2, severity: r.3.flatMap(Severity.init(rawValue:)),
                    detectedBy: DetectionSource(rawValue: r.4) ?? .unknown, tickets: r.5)
                if let cost = IncidentCost(facts, weights: team.weights, asOf: r.1) {
                    costs.append((CalendarDate(containing: r.1), cost.undecayedCost))
                }
            }
        }
        return SprintCalendar(team: team, engineers: engineers, timeOff: timeOff, incidentCosts: costs)
    }

    /// Plan `number` of the team, or the newest when nil.
    public func get(team key: String, number: Int?) async throws -> Plan {
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: StoredPlan.columns) FROM plans p JOIN teams t ON t.id = p.team_id
            WHERE t.key = \(key) AND (\(number)::int IS NULL OR p.number = \(number))
            ORDER BY p.number DESC LIMIT 1
            """, logger: database.logger)
        for try await row in rows.decode(StoredPlan.Row.self) {
            return try StoredPlan.decoded(row).plan()
        }
        throw StoreError.notFound(
            number.map { "no plan \($0) for team \(key)" } ?? "team \(key) has no plan yet; run `firebreak plan`")
    }

    public func list(team key: String) async throws -> [Summary] {
        // An unknown team is not found, as on every other route under a team, not a team without plans.
        let teamID = try await ActionStore.teamID(key, on: database.client, logger: database.logger)
        let rows = try await database.client.query(
            """
            SELECT p.number, p.as_of, p.created_at, p.created_by, jsonb_array_length(p.body->'sprints'),
                (SELECT count(*)::int FROM jsonb_array_elements(p.body->'sprints') s, jsonb_array_elements(s->'items')),
                (SELECT coalesce(sum((s->>'value')::float8), 0) FROM jsonb_array_elements(p.body->'sprints') s)
            FROM plans p WHERE p.team_id = \(teamID) ORDER BY p.number
            """, logger: database.logger)
        var result: [Summary] = []
        for try await r in rows.decode((Int, Date, Date, String, Int, Int, Double).self) {
            result.append(
                Summary(
                    number: r.0, asOf: r.1, createdAt: r.2, createdBy: r.3, sprints: r.4, items: r.5, value: r.6))
        }
        return result
    }
}

/// A plan as stored: the body (JSON) holds the sprints, the warnings and a string of reason
/// letters, one per unplanned item; the unplanned items' keys, ranks, values and efforts are
/// arrays of their own (migration 0017), since a long backlog leaves most of its items unplanned.
struct StoredPlan {
    /// The `body` column.
    struct Body: Codable {
        var team: String
        var number: Int
        var asOf: Date
        var sprints: [PlannedSprint]
        /// Key → the dependencies that block it.
        var blockedBy: [String: [String]]
        /// One letter per unplanned key: its reason (see `StoredPlan.letters`).
        var unplannedReasons: String
        var warnings: [PlanWarning]
    }

    var body: Body
    /// Every unplanned key, in rank order.
    var unplannedKeys: [String]
    /// Per unplanned key: its rank, value and effort when the plan was made, for exports.
    var unplannedRanks: [Int32]
    var unplannedValues: [Double]
    var unplannedEfforts: [Double]

    init(_ plan: Plan, ranked: [RankedItem]) {
        body = Body(
            team: plan.team, number: plan.number, asOf: plan.asOf, sprints: plan.sprints,
            blockedBy: Dictionary(
                plan.unplanned.compactMap { item in item.blockedBy.map { (item.key, $0) } },
                uniquingKeysWith: { a, _ in a }),
            unplannedReasons: String(plan.unplanned.map { Self.letters[$0.reason]! }), warnings: plan.warnings)
        unplannedKeys = plan.unplanned.map(\.key)
        let scored = ranked.positions(of: unplannedKeys)
        unplannedRanks = scored.map { $0.map { Int32(clamping: ranked[$0].rank) } ?? 0 }
        unplannedValues = scored.map { $0.map { ranked[$0].value } ?? 0 }
        unplannedEfforts = scored.map { $0.map { ranked[$0].effort } ?? 0 }
    }

    /// One letter per unplanned reason. A letter is never reused for another reason: stored plans keep theirs.
    static let letters: [PlanReason: Character] = [
        .noCapacity: "c", .tooBig: "t", .blockedBy: "b", .noValue: "v", .notEstimated: "n",
    ]

    /// The columns `decoded` reads, in its order, from a row of `plans p`, and their types.
    static let columns = "p.body::text, p.unplanned_keys, p.unplanned_ranks, p.unplanned_values, p.unplanned_efforts"
    typealias Row = (String, [String], [Int32], [Double], [Double])

    /// A stored plan from the `columns` of its row.
    static func decoded(_ row: Row) throws -> StoredPlan {
        StoredPlan(
            body: try PlanJSON.decoder.decode(Body.self, from: Data(row.0.utf8)), unplannedKeys: row.1,
            unplannedRanks: row.2, unplannedValues: row.3, unplannedEfforts: row.4)
    }

    private init(
        body: Body, unplannedKeys: [String], unplannedRanks: [Int32], unplannedValues: [Double],
        unplannedEfforts: [Double]
    ) {
        self.body = body
        self.unplannedKeys = unplannedKeys
        self.unplannedRanks = unplannedRanks
        self.unplannedValues = unplannedValues
        self.unplannedEfforts = unplannedEfforts
    }

    /// The body column's JSON.
    func json() throws -> String { String(decoding: try PlanJSON.encoder.encode(body), as: UTF8.self) }

    /// The plan, its unplanned items' sentences worded again from what was stored, as the planner words them.
    func plan() throws -> Plan {
        let reasons = Dictionary(uniqueKeysWithValues: Self.letters.map { ($1, $0) })
        let blockedBy = body.blockedBy
        let blockers = Set(blockedBy.values.joined())
        let context = PlanReason.Context(
            sprints: body.sprints, unplanned: unplannedKeys.lazy.filter(blockers.contains))
        var sentences = PlanReason.Sentences(context: context)
        var items: [UnplannedItem] = []
        items.reserveCapacity(unplannedKeys.count)
        // The arrays are as long as the keys (the table's check); the letters are checked here.
        for (n, (key, letter)) in zip(unplannedKeys, body.unplannedReasons).enumerated() {
            guard let reason = reasons[letter] else {
                throw StoreError.invalid(
                    "plan \(body.number) of team \(body.team) stores an unknown reason '\(letter)' for \(key)")
            }
            let effort = unplannedEfforts[n]
            let blocked = reason == .blockedBy ? blockedBy[key] : nil
            items.append(
                UnplannedItem(
                    key: key, reason: reason,
                    reasonText: sentences.unplanned(reason, effort: effort, blockedBy: blocked),
                    blockedBy: blocked, effort: effort, value: unplannedValues[n]))
        }
        return Plan(
            team: body.team, number: body.number, asOf: body.asOf, sprints: body.sprints, unplanned: items,
            warnings: body.warnings)
    }
}

/// What a plan was made with, stored beside it.
struct PlanParameters: Encodable {
    var sprints: Int
    var asOf: Date
    var weights: ScoringWeights
    var cadence: Cadence
}

/// Plans as stored JSON: sorted keys, ISO 8601 dates.
public enum PlanJSON {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601Format.string(date))
        }
        return encoder
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ReportDate.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text)")
            }
            return date
        }
        return decoder
    }
}

public import FirebreakCore
public import Foundation
import Logging
import PostgresNIO

/// Generates, stores and reads plans. A stored plan never changes (the schema refuses it);
/// a new plan is a new number.
public struct PlanStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

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
        guard (1...52).contains(horizon) else { throw StoreError.invalid("sprints must be 1 to 52") }
        let logger = database.logger
        let teamID = try await ActionStore.teamID(key, on: database.client, logger: logger)
        let store = self
        return try await database.client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(2, \(teamID)::int)", logger: logger)
            do {
                let plan = try await connection.withTransaction(logger: logger) { tx in
                    try await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger)
                    return try await store.generate(
                        team: key, teamID: teamID, asOf: asOf, horizon: horizon, actor: actor, on: tx)
                }
                try await connection.query("SELECT pg_advisory_unlock(2, \(teamID)::int)", logger: logger)
                return plan
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(2, \(teamID)::int)", logger: logger)
                throw Database.translate(error)
            }
        }
    }

    func generate(
        team key: String, teamID: Int, asOf: Date, horizon: Int, actor: String, on tx: PostgresConnection
    ) async throws -> Plan {
        let logger = database.logger
        let backlog = BacklogStore(database: database)
        let snapshot = try await backlog.snapshot(team: key, on: tx)
        let ranked = try await backlog.rank(team: key, asOf: asOf, on: tx)
        let calendar = try await calendar(snapshot: snapshot, on: tx)
        let sprints = calendar.sprints(from: CalendarDate(containing: asOf), count: horizon)
        let items = snapshot.items
        let facts = PlanningFacts(
            dependencies: Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0.dependsOn) }),
            due: Dictionary(uniqueKeysWithValues: items.compactMap { item in item.due.map { (item.key, $0) } }),
            done: Set(items.filter { $0.status == .done }.map(\.key)),
            findings: LintRules.customerDetectedWithoutDetectAction(incidents: snapshot.incidents, items: items)
                + LintRules.incidentsWithoutAction(incidents: snapshot.incidents, items: items))
        var plan = Planner.plan(team: key, asOf: asOf, ranked: ranked, sprints: sprints, facts: facts)
        let rows = try await tx.query(
            "SELECT coalesce(max(number), 0) + 1 FROM plans WHERE team_id = \(teamID)", logger: logger)
        for try await number in rows.decode(Int.self) { plan.number = number }
        let body = String(decoding: try PlanJSON.encoder.encode(plan), as: UTF8.self)
        let parameters = String(
            decoding: try PlanJSON.encoder.encode(
                PlanParameters(
                    sprints: horizon, asOf: asOf, weights: snapshot.team.weights, cadence: snapshot.team.cadence)),
            as: UTF8.self)
        try await tx.query(
            """
            INSERT INTO plans (team_id, number, as_of, parameters, body, created_by)
            VALUES (\(teamID), \(plan.number), \(asOf), \(parameters)::jsonb, \(body)::jsonb, \(actor))
            """, logger: logger)
        try await AuditLog.record(
            actor: actor, verb: "plan.generate", subject: "\(key) plan \(plan.number)", teamID: teamID,
            details: ["sprints": String(horizon), "asOf": ISO8601Format.string(asOf)], on: tx, logger: logger)
        return plan
    }

    /// The team's calendar: engineers, their time off, and incident costs for the error-budget rule.
    public func calendar(team key: String) async throws -> SprintCalendar {
        try await calendar(snapshot: BacklogStore(database: database).snapshot(team: key), on: database.client)
    }

    func calendar(snapshot: BacklogStore.Snapshot, on runner: any QueryRunner) async throws -> SprintCalendar {
        let team = snapshot.team
        let engineers = try await TeamStore(database: database).engineers(team: team.key, on: runner)
        let timeOff = try await TeamStore(database: database).timeOff(team: team.key, on: runner)
        let costs = snapshot.incidents.compactMap { facts -> (started: CalendarDate, cost: Double)? in
            guard let started = facts.startedAt,
                let cost = IncidentCost(facts, weights: team.weights, asOf: .distantFuture)
            else { return nil }
            return (CalendarDate(containing: started), cost.undecayedCost)
        }
        return SprintCalendar(team: team, engineers: engineers, timeOff: timeOff, incidentCosts: costs)
    }

    /// Plan `number` of the team, or the newest when nil.
    public func get(team key: String, number: Int?) async throws -> Plan {
        let rows = try await database.client.query(
            """
            SELECT p.body::text FROM plans p JOIN teams t ON t.id = p.team_id
            WHERE t.key = \(key) AND (\(number)::int IS NULL OR p.number = \(number))
            ORDER BY p.number DESC LIMIT 1
            """, logger: database.logger)
        for try await body in rows.decode(String.self) {
            return try PlanJSON.decoder.decode(Plan.self, from: Data(body.utf8))
        }
        throw StoreError.notFound(
            number.map { "no plan \($0) for team \(key)" } ?? "team \(key) has no plan yet; run `firebreak plan`")
    }

    public func list(team key: String) async throws -> [Summary] {
        let rows = try await database.client.query(
            """
            SELECT p.number, p.as_of, p.created_at, p.created_by, jsonb_array_length(p.body->'sprints'),
                (SELECT count(*)::int FROM jsonb_array_elements(p.body->'sprints') s, jsonb_array_elements(s->'items')),
                (SELECT coalesce(sum((s->>'value')::float8), 0) FROM jsonb_array_elements(p.body->'sprints') s)
            FROM plans p JOIN teams t ON t.id = p.team_id WHERE t.key = \(key) ORDER BY p.number
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

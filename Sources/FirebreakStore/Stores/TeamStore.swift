public import FirebreakCore
import Foundation
import PostgresNIO

/// Teams and their engineers.
public struct TeamStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Creates `team`; `demo` marks it as the one `firebreak demo` loads, which `delete` removes with
    /// its incidents.
    public func create(_ team: Team, actor: String, demo: Bool = false) async throws {
        guard Team.isValidKey(team.key) else {
            throw StoreError.invalid(
                "team key \"\(team.key)\" must be an upper-case letter then up to 19 upper-case letters, digits or _",
                field: "key")
        }
        guard !team.name.isEmpty else { throw StoreError.invalid("team name is empty", field: "name") }
        if let problem = team.validationProblem() { throw StoreError.invalid(problem.message, field: problem.field) }
        let c = team.cadence, w = team.weights
        let aliases = try Self.aliasJSON(team.severityAliases)
        try await database.transaction { connection in
            let rows = try await connection.query(
                "SELECT 1 FROM teams WHERE key = \(team.key)", logger: database.logger)
            for try await _ in rows { throw StoreError.conflict("team \(team.key) already exists", field: "key") }
            let inserted = try await connection.query(
                """
                INSERT INTO teams (key, name, sprint_length_days, sprint_one_starts, improvement_every, backlog_share,
                    budget_cost, budget_days, ticket_weight, customer_multiplier, half_life_days, default_estimate, wip_limit,
                    severity_aliases, demo)
                VALUES (\(team.key), \(team.name), \(c.sprintLengthDays), \(c.sprintOneStarts.description)::date,
                    \(c.improvementEvery), \(c.backlogShare), \(c.budgetCost), \(c.budgetDays), \(w.ticketWeight),
                    \(w.customerMultiplier), \(w.halfLifeDays), \(w.defaultEstimate), \(team.wipLimit),
                    \(aliases)::jsonb, \(demo))
                RETURNING id
                """, logger: database.logger)
            for try await id in inserted.decode(Int.self) {
                try await AuditLog.record(
                    actor: actor, verb: "team.create", subject: team.key, teamID: id, on: connection,
                    logger: database.logger)
            }
        }
    }

    /// Changes team `key`'s settings; the row is locked while `change` runs, so two managers
    /// changing different settings at once both keep their change. With `expectedVersion`, the
    /// change is made only if the team is still at that version (else a `.stale` error).
    /// Returns the team as stored and its new version.
    @discardableResult
    public func update(
        _ key: String, expectedVersion: Int? = nil, actor: String, _ change: @Sendable (inout Team) throws -> Void
    ) async throws -> (team: Team, version: Int) {
        var team = try await get(key)
        let version = try await database.transaction { connection in
            let version = try await RowVersion.team.lock(
                key, expected: expectedVersion, on: connection, logger: database.logger)
            team = try await get(key)
            let before = team.severityAliases
            let row = try await AuditLog.Audited.team.snapshot(key, on: connection, logger: database.logger) ?? "{}"
            try change(&team)
            if let problem = team.validationProblem() {
                throw StoreError.invalid(problem.message, field: problem.field)
            }
            let c = team.cadence, w = team.weights
            let aliases = try Self.aliasJSON(team.severityAliases)
            try await connection.query(
                """
                UPDATE teams SET name = \(team.name), sprint_length_days = \(c.sprintLengthDays),
                    sprint_one_starts = \(c.sprintOneStarts.description)::date, improvement_every = \(c.improvementEvery),
                    backlog_share = \(c.backlogShare), budget_cost = \(c.budgetCost), budget_days = \(c.budgetDays),
                    ticket_weight = \(w.ticketWeight), customer_multiplier = \(w.customerMultiplier),
                    half_life_days = \(w.halfLifeDays), default_estimate = \(w.defaultEstimate),
                    wip_limit = \(team.wipLimit), severity_aliases = \(aliases)::jsonb,
                    version = version + 1, updated_at = now()
                WHERE key = \(key)
                """, logger: database.logger)
            try await AuditLog.recordChanges(
                actor: actor, verb: "team.set", .team, key: key, before: row, teamID: nil,
                extra: Self.aliasChanges(from: before, to: team.severityAliases), on: connection,
                logger: database.logger)
            return version + 1
        }
        return (team, version)
    }

    /// The team with `key`; a not-found error names the teams that exist, and `field`, the request
    /// field that named the team when one did.
    /// An archived team is found too: it is hidden from listings, not gone.
    public func get(_ key: String, on runner: (any QueryRunner)? = nil, field: String? = nil) async throws -> Team {
        let teams = try await list(on: runner, includingArchived: true)
        if let team = teams.first(where: { $0.key == key }) { return team }
        let keys = try await list(on: runner).map(\.key)
        throw StoreError.notFound(
            "no team \"\(key)\""
                + (keys.isEmpty
                    ? "; create one with `firebreak team create KEY --name NAME`"
                    : "; teams: \(keys.joined(separator: ", "))"),
            field: field)
    }

    /// The teams, by key; archived teams (``archive(_:actor:)``) only `includingArchived`.
    public func list(on runner: (any QueryRunner)? = nil, includingArchived: Bool = false) async throws -> [Team] {
        let rows = try await (runner ?? database.client).run(
            """
            SELECT key, name, sprint_length_days, sprint_one_starts::text, improvement_every, backlog_share, budget_cost,
                budget_days, ticket_weight, customer_multiplier, half_life_days, default_estimate, wip_limit,
                severity_aliases::text
            FROM teams WHERE archived_at IS NULL OR \(includingArchived) ORDER BY key
            """, logger: database.logger)
        var teams: [Team] = []
        for try await row in rows.decode(
            (String, String, Int, String, Int, Double, Double?, Int?, Double, Double, Double, Double, Int, String).self)
        {
            let cadence = Cadence(
                sprintLengthDays: row.2, sprintOneStarts: CalendarDate(row.3)!, improvementEvery: row.4,
                backlogShare: row.5, budgetCost: row.6, budgetDays: row.7)
            let weights = ScoringWeights(
                ticketWeight: row.8, customerMultiplier: row.9, halfLifeDays: row.10, defaultEstimate: row.11)
            teams.append(
                Team(
                    key: row.0, name: row.1, cadence: cadence, weights: weights, wipLimit: row.12,
                    severityAliases: try Self.aliases(fromJSON: row.13, team: row.0)))
        }
        return teams
    }

    public func addEngineer(_ engineer: Engineer, actor: String) async throws {
        if let problem = engineer.validationProblem() {
            throw StoreError.invalid(problem.message, field: problem.field)
        }
        _ = try await get(engineer.team, field: "team")
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT t.key, e.deactivated_at IS NOT NULL FROM engineers e JOIN teams t ON t.id = e.team_id
                WHERE e.handle = \(engineer.handle)
                """, logger: database.logger)
            for try await (team, deactivated) in rows.decode((String, Bool).self) {
                throw StoreError.conflict(
                    "engineer \(engineer.handle) already exists in \(team)\(deactivated ? " (deactivated)" : "")",
                    field: "handle")
            }
            try await connection.query(
                """
                INSERT INTO engineers (handle, display_name, email, team_id, capacity)
                SELECT \(engineer.handle), \(engineer.displayName), \(engineer.email), id, \(engineer.capacity)
                FROM teams WHERE key = \(engineer.team)
                """, logger: database.logger)
            try await AuditLog.record(
                actor: actor, verb: "engineer.add", subject: engineer.handle, teamID: nil,
                details: ["team": engineer.team], on: connection, logger: database.logger)
        }
    }

    /// The engineers of `team` (of every team when nil), by team and handle; deactivated ones
    /// (``deactivateEngineer(_:actor:)``) only `includingDeactivated`, so they count in no capacity.
    public func engineers(
        team: String?, on runner: (any QueryRunner)? = nil, includingDeactivated: Bool = false
    ) async throws -> [Engineer] {
        let rows = try await (runner ?? database.client).run(
            """
            SELECT e.handle, e.display_name, e.email, t.key, e.capacity FROM engineers e JOIN teams t ON t.id = e.team_id
            WHERE (\(team)::text IS NULL OR t.key = \(team)) AND (e.deactivated_at IS NULL OR \(includingDeactivated))
            ORDER BY t.key, e.handle
            """, logger: database.logger)
        var result: [Engineer] = []
        for try await (handle, name, email, teamKey, capacity) in rows.decode(
            (String, String, String?, String, Double).self)
        {
            result.append(Engineer(handle: handle, displayName: name, email: email, team: teamKey, capacity: capacity))
        }
        return result
    }

    /// Records days off for an engineer, both ends included.
    public func addTimeOff(_ handle: String, from: CalendarDate, to: CalendarDate, actor: String) async throws {
        guard from <= to else { throw StoreError.invalid("time off ends (\(to)) before it starts (\(from))") }
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO time_off (engineer_id, starts_on, ends_on)
                SELECT id, \(from.description)::date, \(to.description)::date FROM engineers WHERE handle = \(handle)
                ON CONFLICT DO NOTHING RETURNING 1
                """, logger: database.logger)
            var found = false
            for try await _ in rows { found = true }
            if !found {
                let exists = try await connection.query(
                    "SELECT 1 FROM engineers WHERE handle = \(handle)", logger: database.logger)
                for try await _ in exists { return }
                throw StoreError.notFound("no engineer \(handle)")
            }
            try await AuditLog.record(
                actor: actor, verb: "engineer.time-off", subject: handle, teamID: nil,
                details: ["from": from.description, "to": to.description], on: connection, logger: database.logger)
        }
    }

    public func timeOff(team: String?, on runner: (any QueryRunner)? = nil) async throws -> [TimeOff] {
        let rows = try await (runner ?? database.client).run(
            """
            SELECT e.handle, o.starts_on::text, o.ends_on::text FROM time_off o
            JOIN engineers e ON e.id = o.engineer_id JOIN teams t ON t.id = e.team_id
            WHERE \(team)::text IS NULL OR t.key = \(team) ORDER BY o.starts_on, e.handle
            """, logger: database.logger)
        var result: [TimeOff] = []
        for try await (handle, from, to) in rows.decode((String, String, String).self) {
            result.append(TimeOff(handle: handle, from: CalendarDate(from)!, to: CalendarDate(to)!))
        }
        return result
    }
}

public import FirebreakCore
import Foundation
import Logging
import PostgresNIO

/// The backlog's items: add, list, show, link to incidents, change.
public struct ActionStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// What `action add` and `action set` may change; nil leaves a field as it is.
    public struct Changes: Sendable {
        public var title: String?
        public var description: String?
        public var kind: ActionKind?
        public var category: String?
        public var estimate: Double?
        public var clearEstimate = false
        public var due: CalendarDate?
        public var clearDue = false
        public var owner: String?
        public var externalKey: String?
        public var status: ActionStatus?
        public var dependsOn: [String] = []
        public var noLongerDependsOn: [String] = []

        public init() {}
    }

    /// Creates an action in `team` and returns its key (`ACT-<n>`).
    public func add(title: String, team: String, changes: Changes, actor: String) async throws -> String {
        if let problem = Self.titleProblem(title) { throw problem }
        let logger = database.logger
        return try await database.transaction { connection in
            let teamID = try await Self.teamID(team, on: connection, logger: logger, field: "team")
            let key = try await KeyAllocator.next("ACT", on: connection, logger: logger)
            try await connection.query(
                "INSERT INTO actions (key, title, team_id) VALUES (\(key), \(title), \(teamID))", logger: logger)
            try await Self.apply(changes, to: key, connection: connection, logger: logger)
            try await AuditLog.record(
                actor: actor, verb: "action.add", subject: key, teamID: teamID, on: connection, logger: logger)
            return key
        }
    }

    /// Changes action `key`; every change is checked and written in one transaction. With
    /// `expectedVersion`, only if the action is still at that version (else a `.stale` error).
    /// Returns the action's new version.
    @discardableResult
    public func set(_ key: String, changes: Changes, expectedVersion: Int? = nil, actor: String) async throws -> Int {
        let logger = database.logger
        return try await database.transaction { connection in
            let version = try await RowVersion.action.lock(
                key, expected: expectedVersion, on: connection, logger: logger)
            let teamID = try await Self.actionTeam(key, connection: connection, logger: logger)
            let before = try await AuditLog.Audited.action.snapshot(key, on: connection, logger: logger) ?? "{}"
            try await Self.apply(changes, to: key, connection: connection, logger: logger)
            try await AuditLog.recordChanges(
                actor: actor, verb: "action.set", .action, key: key, before: before, teamID: teamID, on: connection,
                logger: logger)
            return version + 1
        }
    }

    /// Links action `key` to incident `incident` with `coverage` (``ScoringBounds/coverage``), or
    /// changes the coverage.
    public func link(_ key: String, to incident: String, coverage: Double, actor: String) async throws {
        guard ScoringBounds.coverage.contains(coverage) else {
            throw StoreError.invalid(
                "coverage \(NumberText.plain(coverage)) must be \(ScoringBounds.text(ScoringBounds.coverage))")
        }
        let logger = database.logger
        try await database.transaction { connection in
            let teamID = try await Self.actionTeam(key, connection: connection, logger: logger)
            let rows = try await connection.query(
                """
                INSERT INTO action_incidents (action_id, incident_id, coverage, position)
                SELECT a.id, i.id, \(coverage),
                    (SELECT coalesce(max(position) + 1, 0) FROM action_incidents WHERE incident_id = i.id)
                FROM actions a, incidents i WHERE a.key = \(key) AND i.key = \(incident)
                ON CONFLICT (action_id, incident_id) DO UPDATE SET coverage = excluded.coverage
                RETURNING 1
                """, logger: logger)
            var linked = false
            for try await _ in rows { linked = true }
            guard linked else { throw StoreError.notFound("no incident \(incident)") }
            try await AuditLog.record(
                actor: actor, verb: "action.link", subject: key, teamID: teamID,
                details: ["incident": incident, "coverage": NumberText.plain(coverage)], on: connection, logger: logger)
        }
    }

    public func unlink(_ key: String, from incident: String, actor: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            let teamID = try await Self.actionTeam(key, connection: connection, logger: logger)
            let rows = try await connection.query(
                """
                DELETE FROM action_incidents l USING actions a, incidents i
                WHERE l.action_id = a.id AND l.incident_id = i.id AND a.key = \(key) AND i.key = \(incident)
                RETURNING 1
                """, logger: logger)
            var removed = false
            for try await _ in rows { removed = true }
            guard removed else { throw StoreError.notFound("\(key) is not linked to \(incident)") }
            try await AuditLog.record(
                actor: actor, verb: "action.unlink", subject: key, teamID: teamID, details: ["incident": incident],
                on: connection, logger: logger)
        }
    }

    /// The id of team `key`; `field` names the request field that named it, when one did.
    static func teamID(
        _ key: String, on runner: any QueryRunner, logger: Logger, field: String? = nil
    ) async throws -> Int {
        let rows = try await runner.run("SELECT id FROM teams WHERE key = \(key)", logger: logger)
        for try await id in rows.decode(Int.self) { return id }
        throw StoreError.notFound("no team \"\(key)\"", field: field)
    }

    /// The team of action `key`, locking the action's row for the rest of the transaction.
    static func actionTeam(_ key: String, connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query(
            "SELECT team_id FROM actions WHERE key = \(key) FOR UPDATE", logger: logger)
        for try await id in rows.decode(Int.self) { return id }
        throw StoreError.notFound("no action \(key)")
    }

    static func apply(_ c: Changes, to key: String, connection: PostgresConnection, logger: Logger) async throws {
        if let estimate = c.estimate, !ScoringBounds.estimate.contains(estimate) {
            throw StoreError.invalid(
                "estimate \(NumberText.plain(estimate)) must be \(ScoringBounds.text(ScoringBounds.estimate)) story points"
            )
        }
        if let problem = c.title.flatMap(titleProblem) { throw problem }
        if let externalKey = c.externalKey {
            try await checkExternalKey(externalKey, for: key, connection: connection, logger: logger)
        }
        if c.status == .claimed {
            throw StoreError.invalid("status claimed is set by `firebreak claim ACT-n --as HANDLE`")
        }
        if let category = c.category {
            let rows = try await connection.query("SELECT 1 FROM categories WHERE key = \(category)", logger: logger)
            var known = false
            for try await _ in rows { known = true }
            guard known else { throw StoreError.invalid("unknown category \"\(category)\"") }
        }
        try await connection.query(
            """
            UPDATE actions SET
                title = coalesce(\(c.title), title), description = coalesce(\(c.description), description),
                kind = coalesce(\(c.kind?.rawValue), kind), category_key = coalesce(\(c.category), category_key),
                estimate = CASE WHEN \(c.clearEstimate) THEN NULL ELSE coalesce(\(c.estimate), estimate) END,
                due_on = CASE WHEN \(c.clearDue) THEN NULL ELSE coalesce(\(c.due?.description)::date, due_on) END,
                owner = coalesce(\(c.owner), owner), external_key = coalesce(\(c.externalKey), external_key),
                status = coalesce(\(c.status?.rawValue), status),
                claimed_by = CASE WHEN \(c.status?.rawValue)::text IS NULL THEN claimed_by ELSE NULL END,
                version = version + 1, updated_at = now()
            WHERE key = \(key)
            """, logger: logger)
        let rows = try await connection.query("SELECT id FROM actions WHERE key = \(key)", logger: logger)
        var id = 0
        for try await found in rows.decode(Int.self) { id = found }
        for dependency in c.dependsOn {
            try await addDependency(of: id, key: key, on: dependency, connection: connection, logger: logger)
        }
        for dependency in c.noLongerDependsOn {
            try await connection.query(
                """
                DELETE FROM action_dependencies d USING actions a
                WHERE d.action_id = \(id) AND d.depends_on_id = a.id AND a.key = \(dependency)
                """, logger: logger)
        }
    }

    /// The longest title, in Unicode scalars (PostgreSQL's `length`); the schema's limit.
    public static let maxTitleLength = 500
    /// The longest Jira key: Jira's own are a project key of at most 10 characters and a number.
    public static let maxExternalKeyLength = 255

    /// Why `title` cannot be an action's title, or nil.
    static func titleProblem(_ title: String) -> StoreError? {
        if title.trimmingCharacters(in: .whitespaces).isEmpty { return .invalid("title is empty", field: "title") }
        if title.unicodeScalars.count > maxTitleLength {
            return .invalid("title is longer than \(maxTitleLength) characters", field: "title")
        }
        return nil
    }

    /// Refuses a Jira key that is too long, or already on an action other than `key`, naming that action.
    static func checkExternalKey(
        _ externalKey: String, for key: String, connection: PostgresConnection, logger: Logger
    ) async throws {
        if externalKey.unicodeScalars.count > maxExternalKeyLength {
            throw StoreError.invalid(
                "Jira key is longer than \(maxExternalKeyLength) characters", field: "externalKey")
        }
        let rows = try await connection.query(
            "SELECT key FROM actions WHERE external_key = \(externalKey) AND key <> \(key)", logger: logger)
        for try await other in rows.decode(String.self) {
            throw StoreError.conflict("Jira key \(externalKey) is already on \(other)", field: "externalKey")
        }
    }

    /// Records that action `id` (`key`) depends on `dependency`, refusing unknown keys and cycles.
    static func addDependency(
        of id: Int, key: String, on dependency: String, connection: PostgresConnection, logger: Logger
    ) async throws {
        let rows = try await connection.query("SELECT id FROM actions WHERE key = \(dependency)", logger: logger)
        var target: Int?
        for try await found in rows.decode(Int.self) { target = found }
        guard let target else {
            throw StoreError.notFound("\(key) depends on \(dependency), which does not exist", field: "dependsOn")
        }
        guard target != id else { throw StoreError.invalid("\(key) cannot depend on itself") }
        let cycle = try await connection.query(
            """
            WITH RECURSIVE reach(id) AS (
                SELECT \(target)::bigint
                UNION SELECT d.depends_on_id FROM action_dependencies d JOIN reach r ON d.action_id = r.id)
            SELECT 1 FROM reach WHERE id = \(id)
            """, logger: logger)
        for try await _ in cycle {
            throw StoreError.invalid("\(key) cannot depend on \(dependency): \(dependency) already depends on \(key)")
        }
        try await connection.query(
            """
            INSERT INTO action_dependencies (action_id, depends_on_id) VALUES (\(id), \(target))
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }
}

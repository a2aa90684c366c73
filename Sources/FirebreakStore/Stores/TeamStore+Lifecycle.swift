public import FirebreakCore
public import Foundation
import PostgresNIO

/// Teams that end (migration 0011): archived and kept, or deleted when nothing of value goes with them.
extension TeamStore {
    /// A team as `team list --all` shows it: whether it is archived, and whether `firebreak demo` made it.
    public struct Listed: Sendable, Equatable {
        public var team: Team
        public var archived: Bool
        public var demo: Bool
    }

    /// What deleting a team removed with it.
    public struct Deletion: Sendable, Codable, Equatable {
        public var team: String
        public var incidents: Int
        public var actions: Int
        public var engineers: Int
        public var plans: Int
    }

    /// Every team, archived ones included, by key.
    public func listed() async throws -> [Listed] {
        let teams = try await list(includingArchived: true)
        let rows = try await database.client.query(
            "SELECT key, archived_at IS NOT NULL, demo FROM teams", logger: database.logger)
        var flags: [String: (Bool, Bool)] = [:]
        for try await (key, archived, demo) in rows.decode((String, Bool, Bool).self) { flags[key] = (archived, demo) }
        return teams.map { Listed(team: $0, archived: flags[$0.key]?.0 ?? false, demo: flags[$0.key]?.1 ?? false) }
    }

    /// Hides team `key` from listings and defaults; every row of it stays. Audited (`team.archive`).
    public func archive(_ key: String, actor: String) async throws {
        try await setArchived(key, true, actor: actor)
    }

    /// Shows an archived team again. Audited (`team.unarchive`).
    public func unarchive(_ key: String, actor: String) async throws {
        try await setArchived(key, false, actor: actor)
    }

    func setArchived(_ key: String, _ archived: Bool, actor: String) async throws {
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE teams SET archived_at = CASE WHEN \(archived) THEN now() END, version = version + 1,
                    updated_at = now()
                WHERE key = \(key) AND (archived_at IS NULL) = \(archived)
                RETURNING id
                """, logger: database.logger)
            for try await id in rows.decode(Int.self) {
                try await AuditLog.record(
                    actor: actor, verb: archived ? "team.archive" : "team.unarchive", subject: key, teamID: id,
                    on: connection, logger: database.logger)
                return
            }
            _ = try await get(key, on: connection)
            throw StoreError.conflict("team \(key) is \(archived ? "already archived" : "not archived")")
        }
    }

    /// Deletes team `key` with its engineers, actions and plans. A team with incidents is refused
    /// (archive keeps them), unless it is the demo's, whose incidents go too. Refused while an API
    /// token of one of its engineers is live; revoked ones go. The team's audit entries stay, and
    /// one more (`team.delete`) says what went.
    public func delete(_ key: String, actor: String) async throws -> Deletion {
        try await database.transaction { connection in
            let logger = database.logger
            var found: (id: Int, demo: Bool)?
            for try await row in try await connection.query(
                "SELECT id, demo FROM teams WHERE key = \(key) FOR UPDATE", logger: logger
            ).decode((Int, Bool).self) { found = row }
            guard let (id, demo) = found else {
                _ = try await get(key, on: connection)
                throw StoreError.notFound("no team \"\(key)\"")
            }
            let incidents = try await count("SELECT count(*)::int FROM incidents WHERE team_id = \(id)", connection)
            if incidents > 0 && !demo {
                throw StoreError.conflict(
                    "team \(key) has \(incidents) incident\(incidents == 1 ? "" : "s") and cannot be deleted; "
                        + "archive it instead: firebreak team archive \(key)")
            }
            var tokens: [String] = []
            for try await name in try await connection.query(
                """
                SELECT t.name FROM api_tokens t JOIN engineers e ON e.id = t.engineer_id
                WHERE e.team_id = \(id) AND t.revoked_at IS NULL ORDER BY t.name
                """, logger: logger
            ).decode(String.self) { tokens.append(name) }
            if !tokens.isEmpty {
                throw StoreError.conflict(
                    "team \(key) has engineers with live API tokens (\(tokens.joined(separator: ", "))); "
                        + "revoke them first: firebreak token revoke NAME")
            }
            try await connection.query(
                "SELECT set_config('firebreak.deleting_team', \(String(id)), true)", logger: logger)
            let actions = try await count(
                "WITH d AS (DELETE FROM actions WHERE team_id = \(id) RETURNING 1) SELECT count(*)::int FROM d",
                connection)
            try await connection.query("DELETE FROM incidents WHERE team_id = \(id)", logger: logger)
            let plans = try await count(
                "WITH d AS (DELETE FROM plans WHERE team_id = \(id) RETURNING 1) SELECT count(*)::int FROM d",
                connection)
            try await connection.query(
                """
                DELETE FROM api_tokens t USING engineers e WHERE e.id = t.engineer_id AND e.team_id = \(id)
                """, logger: logger)
            let engineers = try await count(
                "WITH d AS (DELETE FROM engineers WHERE team_id = \(id) RETURNING 1) SELECT count(*)::int FROM d",
                connection)
            try await connection.query("UPDATE components SET team_id = NULL WHERE team_id = \(id)", logger: logger)
            try await connection.query("UPDATE categories SET team_id = NULL WHERE team_id = \(id)", logger: logger)
            let deletion = Deletion(
                team: key, incidents: incidents, actions: actions, engineers: engineers, plans: plans)
            try await connection.query("DELETE FROM teams WHERE id = \(id)", logger: logger)
            try await AuditLog.record(
                actor: actor, verb: "team.delete", subject: key, teamID: nil,
                details: [
                    "incidents": String(incidents), "actions": String(actions), "engineers": String(engineers),
                    "plans": String(plans), "demo": String(demo),
                ], on: connection, logger: logger)
            return deletion
        }
    }

    func count(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> Int {
        for try await n in try await connection.query(query, logger: database.logger).decode(Int.self) { return n }
        return 0
    }
}

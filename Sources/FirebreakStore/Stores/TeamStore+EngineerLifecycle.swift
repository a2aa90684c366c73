public import FirebreakCore
import Foundation
import PostgresNIO

/// Engineers who change (name, email, team, capacity) or leave (migration 0011).
extension TeamStore {
    /// What deactivating an engineer did: the claims it gave back, in key order.
    public struct Deactivation: Sendable, Codable, Equatable {
        public var handle: String
        public var team: String
        public var released: [String]

        public init(handle: String, team: String, released: [String]) {
            self.handle = handle
            self.team = team
            self.released = released
        }
    }

    /// The handles of the deactivated engineers of `team` (of every team when nil).
    public func deactivatedHandles(team: String?) async throws -> Set<String> {
        let rows = try await database.client.query(
            """
            SELECT e.handle FROM engineers e JOIN teams t ON t.id = e.team_id
            WHERE e.deactivated_at IS NOT NULL AND (\(team)::text IS NULL OR t.key = \(team))
            """, logger: database.logger)
        var handles: Set<String> = []
        for try await handle in rows.decode(String.self) { handles.insert(handle) }
        return handles
    }

    /// Changes engineer `handle`; returns the engineer as stored and what changed (`field` to
    /// `old -> new`). A move to another team is refused while the engineer holds claims (claims
    /// are of their team's items). Audited (`engineer.set`) when anything changed.
    public func setEngineer(
        _ handle: String, _ changes: EngineerChanges, actor: String
    ) async throws -> (engineer: Engineer, changed: [String: String]) {
        try await database.transaction { connection in
            let logger = database.logger
            let (id, before) = try await lockEngineer(handle, on: connection)
            let after = changes.applied(to: before)
            if let problem = after.validationProblem() {
                throw StoreError.invalid(problem.message, field: problem.field)
            }
            var teamID: Int?
            if after.team != before.team {
                _ = try await get(after.team, on: connection, field: "team")
                let held = try await claims(of: id, on: connection)
                if !held.isEmpty {
                    throw StoreError.conflict(
                        "\(handle) holds claims in \(before.team) (\(held.joined(separator: ", "))); "
                            + "release them before moving \(handle) to \(after.team)", field: "team")
                }
                for try await id in try await connection.query(
                    "SELECT id FROM teams WHERE key = \(after.team)", logger: logger
                ).decode(Int.self) { teamID = id }
            }
            let changed = EngineerChanges.differences(from: before, to: after)
            guard !changed.isEmpty else { return (after, changed) }
            try await connection.query(
                """
                UPDATE engineers SET display_name = \(after.displayName), email = \(after.email),
                    capacity = \(after.capacity), team_id = coalesce(\(teamID), team_id)
                WHERE id = \(id)
                """, logger: logger)
            try await AuditLog.record(
                actor: actor, verb: "engineer.set", subject: handle, teamID: nil, details: changed, on: connection,
                logger: logger)
            return (after, changed)
        }
    }

    /// Deactivates engineer `handle`: their claims go back to open, each with an audit entry
    /// (`release`, on their behalf), and they leave the listings and their team's capacity. Their
    /// history stays, and so does their handle. Audited (`engineer.deactivate`).
    public func deactivateEngineer(_ handle: String, actor: String) async throws -> Deactivation {
        try await database.transaction { connection in
            let logger = database.logger
            let (id, engineer) = try await lockEngineer(handle, on: connection, includingDeactivated: false)
            var released: [String] = []
            let rows = try await connection.query(
                """
                WITH released AS (
                    UPDATE actions SET status = 'open', claimed_by = NULL, claimed_at = NULL, version = version + 1,
                        updated_at = now()
                    WHERE claimed_by = \(id) RETURNING key, team_id)
                INSERT INTO audit_entries (actor, verb, subject, team_id, details, on_behalf_of)
                SELECT \(actor), 'release', key, team_id, '{"reason": "deactivated"}'::jsonb, \(handle) FROM released
                RETURNING subject
                """, logger: logger)
            for try await key in rows.decode(String.self) { released.append(key) }
            released.sort(by: ItemKey.naturalLess)
            try await connection.query(
                "UPDATE engineers SET deactivated_at = now() WHERE id = \(id)", logger: logger)
            try await AuditLog.record(
                actor: actor, verb: "engineer.deactivate", subject: handle, teamID: nil,
                details: ["team": engineer.team, "released": released.joined(separator: ", ")], on: connection,
                logger: logger)
            return Deactivation(handle: handle, team: engineer.team, released: released)
        }
    }

    /// Engineer `handle`, its row locked until the transaction ends; not found names the handle,
    /// and a deactivated engineer is refused unless `includingDeactivated`.
    func lockEngineer(
        _ handle: String, on connection: PostgresConnection, includingDeactivated: Bool = false
    ) async throws -> (id: Int, engineer: Engineer) {
        let rows = try await connection.query(
            """
            SELECT e.id, e.display_name, e.email, t.key, e.capacity, e.deactivated_at IS NOT NULL
            FROM engineers e JOIN teams t ON t.id = e.team_id WHERE e.handle = \(handle) FOR UPDATE OF e
            """, logger: database.logger)
        for try await (id, name, email, team, capacity, deactivated) in rows.decode(
            (Int, String, String?, String, Double, Bool).self)
        {
            if deactivated && !includingDeactivated {
                throw StoreError.conflict("engineer \(handle) of \(team) is already deactivated", field: "handle")
            }
            return (id, Engineer(handle: handle, displayName: name, email: email, team: team, capacity: capacity))
        }
        throw StoreError.notFound("no engineer \(handle)", field: "handle")
    }

    /// The keys of the items engineer `id` holds claimed, in key order.
    func claims(of id: Int, on connection: PostgresConnection) async throws -> [String] {
        var keys: [String] = []
        for try await key in try await connection.query(
            "SELECT key FROM actions WHERE claimed_by = \(id)", logger: database.logger
        ).decode(String.self) { keys.append(key) }
        return keys.sorted(by: ItemKey.naturalLess)
    }
}

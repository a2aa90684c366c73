import FirebreakCore
import Foundation
import PostgresNIO

extension ImportRun {
    /// Creates, updates and links the report's actions; links the report no longer lists are removed.
    /// Returns the number of links.
    mutating func linkActions(incidentID: Int, teamID: Int) async throws -> Int {
        let current = try await linkedActions(incidentID: incidentID)
        var chosen: [(id: Int, coverage: Double, line: Int)] = []
        var keysByID: [Int: String] = [:]
        var idsByKey: [String: Int] = [:]
        for action in report.actions {
            let (id, key): (Int, String)
            do {
                (id, key) = try await resolve(action, current: current, teamID: teamID)
            } catch let error as ReportError {
                throw error
            } catch {
                throw fail(action.line, String(describing: Database.translate(error)))
            }
            if let first = chosen.first(where: { $0.id == id }) {
                throw fail(action.line, "\(key) is listed twice (first on line \(first.line))")
            }
            chosen.append((id, action.coverage ?? 1, action.line))
            keysByID[id] = key
            idsByKey[key] = id
        }
        try await connection.query(
            "DELETE FROM action_incidents WHERE incident_id = \(incidentID) AND NOT (action_id = ANY(\(chosen.map(\.id))))",
            logger: logger)
        for (position, link) in chosen.enumerated() {
            try await connection.query(
                """
                INSERT INTO action_incidents (action_id, incident_id, coverage, position)
                VALUES (\(link.id), \(incidentID), \(link.coverage), \(position))
                ON CONFLICT (action_id, incident_id) DO UPDATE SET coverage = excluded.coverage, position = excluded.position
                """, logger: logger)
        }
        for (action, link) in zip(report.actions, chosen) where !action.dependsOn.isEmpty {
            for dependency in action.dependsOn {
                do {
                    try await ActionStore.addDependency(
                        of: link.id, key: keysByID[link.id]!, on: dependency, connection: connection, logger: logger)
                } catch let error as StoreError {
                    throw fail(action.line, error.message)
                }
            }
        }
        return chosen.count
    }

    /// The actions this incident links now: id, key and normalised title.
    func linkedActions(incidentID: Int) async throws -> [(Int, String, String)] {
        let rows = try await connection.query(
            """
            SELECT a.id, a.key, a.title FROM action_incidents l JOIN actions a ON a.id = l.action_id
            WHERE l.incident_id = \(incidentID)
            ORDER BY l.position, a.id
            """, logger: logger)
        var result: [(Int, String, String)] = []
        for try await (id, key, title) in rows.decode((Int, String, String).self) {
            result.append((id, key, Self.normalised(title)))
        }
        return result
    }

    /// Finds or creates the action a bullet names, and applies what the bullet states.
    mutating func resolve(
        _ action: ReportedAction, current: [(Int, String, String)], teamID: Int
    ) async throws -> (Int, String) {
        var found: (Int, String)?
        if let key = action.key {
            let rows = try await connection.query("SELECT id FROM actions WHERE key = \(key)", logger: logger)
            for try await id in rows.decode(Int.self) { found = (id, key) }
            if found == nil, action.isLinkOnly {
                throw fail(
                    action.line,
                    "unknown action \(key); give it a kind and a title to create it: '- [prevent] \(key): title'")
            }
        } else if let title = action.title {
            let wanted = Self.normalised(title)
            if let match = current.first(where: { $0.2 == wanted }) { found = (match.0, match.1) }
        }
        if let (id, key) = found {
            priors[id] = try await update(id: id, with: action)
            if !action.isLinkOnly { updated += 1 }
            return (id, key)
        }
        return try await insert(action, teamID: teamID)
    }

    /// Applies what bullet `a` states to action `id`; returns the action as it was before
    /// (`action_audit_row`), for the import's audit entry.
    func update(id: Int, with a: ReportedAction) async throws -> String? {
        let description = a.description.isEmpty ? nil : a.description
        let rows = try await connection.query(
            """
            WITH prior AS (SELECT action_audit_row(a)::text AS row FROM actions a WHERE a.id = \(id))
            UPDATE actions SET
                title = coalesce(\(a.title), title), kind = coalesce(\(a.kind?.rawValue), kind),
                description = coalesce(\(description), description), estimate = coalesce(\(a.estimate), estimate),
                due_on = coalesce(\(a.due?.description)::date, due_on), external_key = coalesce(\(a.jira), external_key),
                owner = coalesce(\(a.owner), owner),
                status = CASE WHEN \(a.completed) AND status = 'open' THEN 'done' ELSE status END,
                version = version + 1, updated_at = now()
            WHERE id = \(id)
            RETURNING (SELECT row FROM prior)
            """, logger: logger)
        for try await row in rows.decode(String?.self) { return row }
        return nil
    }

    mutating func insert(_ a: ReportedAction, teamID: Int) async throws -> (Int, String) {
        let key: String
        if let given = a.key {
            try await KeyAllocator.reserve(given, on: connection, logger: logger)
            key = given
        } else {
            key = try await KeyAllocator.next("ACT", on: connection, logger: logger)
        }
        let status = a.completed ? "done" : "open"
        let rows = try await connection.query(
            """
            INSERT INTO actions (key, title, description, kind, category_key, estimate, status, owner, due_on,
                external_key, team_id)
            VALUES (\(key), \(a.title ?? key), \(a.description), \((a.kind ?? .prevent).rawValue),
                \(report.categories.first), \(a.estimate), \(status), \(a.owner), \(a.due?.description)::date,
                \(a.jira), \(teamID))
            RETURNING id
            """, logger: logger)
        created += 1
        for try await id in rows.decode(Int.self) { return (id, key) }
        throw StoreError.unavailable("the action was not stored")
    }

    /// Lower case, letters and digits only, single spaces: "Autoscale the API!" ~ "autoscale the api".
    static func normalised(_ title: String) -> String {
        title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }
}

public import FirebreakCore
public import Foundation
import PostgresNIO

/// What `report trend` needs, read once: the team's incidents and calendar, its stored plans, and
/// when each of its done actions was done.
public struct TrendStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// The trend of `team` as of `asOf` (``OutageTrend``).
    ///
    /// No column holds when an action was done: it is the time of its last `done` audit entry (a
    /// claim completed), else its `updated_at` (made done by `action set`, a Jira or a report import,
    /// which is the time of its last change, so no earlier than when it was done).
    ///
    /// Without `plans` (the HTML export's chart needs only the months), no plan is read and `sprints`
    /// is empty.
    public func trend(team key: String, asOf: Date, plans withPlans: Bool = true) async throws -> OutageTrend {
        let runner = database.client
        let logger = database.logger
        let snapshot = try await BacklogStore(database: database).snapshot(team: key, on: runner)
        let teamID = try await ActionStore.teamID(key, on: runner, logger: logger)
        let calendar = try await PlanStore(database: database).calendar(
            team: snapshot.team, teamID: teamID, on: runner)
        var plans: [Plan] = []
        var doneAt: [String: Date] = [:]
        guard withPlans else {
            return OutageTrend(
                incidents: snapshot.incidents, calendar: calendar, plans: [], doneAt: [:], asOf: asOf)
        }
        let bodies = try await runner.run(
            "SELECT \(unescaped: StoredPlan.columns) FROM plans p WHERE p.team_id = \(teamID) ORDER BY p.number",
            logger: logger)
        for try await row in bodies.decode(StoredPlan.Row.self) {
            plans.append(try StoredPlan.decoded(row).plan())
        }
        let done = try await runner.run(
            """
            SELECT a.key, coalesce(
                (SELECT max(e.at) FROM audit_entries e
                 WHERE e.subject = a.key AND e.verb = 'done' AND e.team_id = a.team_id), a.updated_at)
            FROM actions a WHERE a.team_id = \(teamID) AND a.status = 'done'
            """, logger: logger)
        for try await r in done.decode((String, Date).self) { doneAt[r.0] = r.1 }
        return OutageTrend(
            incidents: snapshot.incidents, calendar: calendar, plans: plans, doneAt: doneAt, asOf: asOf)
    }
}

public import FirebreakCore
import FirebreakStore
public import Foundation

/// An engineer's next work and the team's trend.
extension LocalOperations {
    public func next(team: String, engineer: String?, asOf: Date) async throws -> NextWork {
        guard let handle = engineer ?? caller.engineer else {
            throw StoreError.invalid("name the engineer: `firebreak next --as HANDLE`", field: "engineer")
        }
        return try await runner.runLong { db in
            let teams = TeamStore(database: db)
            let team = try await teams.get(team)
            guard let engineer = try await teams.engineers(team: nil).first(where: { $0.handle == handle }) else {
                throw StoreError.notFound("no engineer \(handle)", field: "engineer")
            }
            guard engineer.team == team.key else {
                throw StoreError.invalid(
                    "\(handle) is in team \(engineer.team), not \(team.key); pass --team \(engineer.team)",
                    field: "engineer")
            }
            let ranked = try await BacklogStore(database: db).rank(team: team.key, asOf: asOf)
            let plan: Plan?
            do {
                plan = try await PlanStore(database: db).get(team: team.key, number: nil)
            } catch let error as StoreError where error.kind == .notFound {
                plan = nil
            }
            return NextWork(team: team, engineer: engineer, ranked: ranked, plan: plan, asOf: asOf)
        }
    }

    public func trend(team: String, asOf: Date) async throws -> OutageTrend {
        try await runner.runLong { try await TrendStore(database: $0).trend(team: team, asOf: asOf) }
    }
}

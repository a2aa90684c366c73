public import FirebreakCore
public import FirebreakStore
public import Foundation

/// Plans and the sprint calendar.
extension LocalOperations {
    public func plan(team: String, asOf: Date, sprints: Int?, dryRun: Bool) async throws -> Plan {
        try caller.require(.manager)
        let horizon = sprints ?? Limits.defaultPlanHorizon
        try Limits.checkHorizon(horizon, field: "sprints")
        let actor = caller.actor
        return try await runner.runLong { db in
            let store = PlanStore(database: db)
            return dryRun
                ? try await store.preview(team: team, asOf: asOf, horizon: horizon)
                : try await store.generate(team: team, asOf: asOf, horizon: horizon, actor: actor)
        }
    }

    public func plans(team: String) async throws -> [PlanStore.Summary] {
        try await runner.run { try await PlanStore(database: $0).list(team: team) }
    }

    public func storedPlan(team: String, number: Int?) async throws -> Plan {
        try await runner.run { try await PlanStore(database: $0).get(team: team, number: number) }
    }

    public func planDiff(team: String, _ a: Int?, _ b: Int?) async throws -> PlanDiff {
        try await runner.run { db in
            let store = PlanStore(database: db)
            return PlanDiff(try await store.get(team: team, number: a), try await store.get(team: team, number: b))
        }
    }

    public func sprints(team: String, from: Date, count: Int) async throws -> [Sprint] {
        try Limits.checkHorizon(count, field: "count")
        let calendar = try await runner.run { try await PlanStore(database: $0).calendar(team: team) }
        return calendar.sprints(from: CalendarDate(containing: from), count: count)
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation

/// Planning N open actions over six sprints, beside the ranking of the same actions.
struct Planning: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generating and storing a 6-sprint plan vs. ranking the same actions (goal: ratio ≤ 2).")

    @Option(help: "Synthetic incidents.") var incidents = 20_000
    @Option(help: "Synthetic open actions.") var actions = 100_000
    @Option(help: "Links, spread evenly over the actions.") var links = 300_000
    @Option(help: "Timed rounds of each contender (after a warm-up round).") var runs = 5

    func run() async throws {
        print(Figure.table(try await Self.measure(incidents: incidents, actions: actions, links: links, runs: runs)))
    }

    static func measure(incidents: Int, actions: Int, links: Int, runs: Int) async throws -> [Figure] {
        let shape = (incidents: incidents, actions: actions, links: links, runs: runs)
        return try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await SyntheticTeam.create(
                in: db, incidents: shape.incidents, actions: shape.actions, links: shape.links)
            try await SyntheticTeam.addEngineers(8, to: db)
            let backlog = BacklogStore(database: db)
            let plans = PlanStore(database: db)
            var planning: [Double] = []
            var ranking: [Double] = []
            var last: Plan?
            for round in 0...shape.runs {
                let p = try await Timing.measure {
                    last = try await plans.generate(
                        team: SyntheticTeam.key, asOf: SyntheticTeam.asOf, horizon: 6, actor: "bench")
                }
                let r = try await Timing.measure {
                    _ = try await backlog.rank(team: SyntheticTeam.key, asOf: SyntheticTeam.asOf)
                }
                if round > 0 {
                    planning.append(p)
                    ranking.append(r)
                }
            }
            if let last {
                print(
                    "plan: \(last.sprints.count) sprints, \(last.placements.count) items planned, "
                        + "\(last.unplanned.count) unplanned, \(last.warnings.count) warnings")
            }
            return [
                Figure.time(
                    "planning \(shape.actions) actions, 6 sprints", Timing.median(planning),
                    baseline: "ranking them", Timing.median(ranking), goal: .ratioAtMost(2))
            ]
        }
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import FirebreakTesting
import Foundation

/// Planning N open actions over six sprints, beside the ranking of the same actions, both through the
/// operations.
struct Planning: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generating and storing a 6-sprint plan vs. ranking the same actions (goal: ratio ≤ 1.5).")

    @Option(help: "Synthetic incidents.") var incidents = 20_000
    @Option(help: "Synthetic open actions.") var actions = 100_000
    @Option(help: "Links, spread evenly over the actions.") var links = 300_000
    @Option(help: "Timed rounds of each contender (after a warm-up round).") var runs = 5

    func run() async throws {
        print(Figure.table(try await Self.measure(incidents: incidents, actions: actions, links: links, runs: runs)))
    }

    static func measure(incidents: Int, actions: Int, links: Int, runs: Int) async throws -> [Figure] {
        let medians = try await timings(incidents: incidents, actions: actions, links: links, runs: runs)
        return [
            Figure.time(
                "planning \(actions) actions, 6 sprints", medians.planning, baseline: "ranking them",
                medians.ranking, goal: .ratioAtMost(1.5))
        ]
    }

    /// The median seconds of planning and of ranking a fresh synthetic team of this shape, alternated.
    static func timings(
        incidents: Int, actions: Int, links: Int, runs: Int
    ) async throws -> (planning: Double, ranking: Double) {
        let shape = (incidents: incidents, actions: actions, links: links, runs: runs)
        return try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            let created = try await Timing.measure {
                try await SyntheticTeam.create(
                    in: db, incidents: shape.incidents, actions: shape.actions, links: shape.links)
                try await SyntheticTeam.addEngineers(8, to: db)
            }
            let operations = LocalOperations.bench(db)
            var planning: [Double] = []
            var ranking: [Double] = []
            var last: Plan?
            for round in 0...shape.runs {
                let p = try await Timing.measure {
                    last = try await operations.plan(
                        team: SyntheticTeam.key, asOf: SyntheticTeam.asOf, sprints: 6, dryRun: false)
                }
                let r = try await Timing.measure {
                    let ranked = try await operations.backlog(
                        team: SyntheticTeam.key, asOf: SyntheticTeam.asOf, limit: nil, filter: .all)
                    precondition(ranked.count == shape.actions)
                }
                if round > 0 {
                    planning.append(p)
                    ranking.append(r)
                }
            }
            if let last {
                print(
                    String(format: "%d actions (made in %.1f s) ", shape.actions, created)
                        + "plan: \(last.sprints.count) sprints, \(last.placements.count) items planned, "
                        + "\(last.unplanned.count) unplanned, \(last.warnings.count) warnings")
            }
            return (Timing.median(planning), Timing.median(ranking))
        }
    }
}

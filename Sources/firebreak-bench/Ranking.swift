import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO

/// Ranking through the store against the bare SQL aggregate that reads the same rows.
struct Ranking: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ranking N actions through the operations vs. the bare SQL aggregate (goal: ratio ≤ 1.2).")

    @Option(help: "Synthetic incidents.") var incidents = 20_000
    @Option(help: "Synthetic open actions.") var actions = 100_000
    @Option(help: "Links, spread evenly over the actions (at most 20 per action).") var links = 300_000
    @Option(help: "Timed rounds of each contender (the first round of each is a warm-up).") var runs = 7

    func validate() throws {
        guard incidents >= 1, actions >= 1, links >= actions, links <= actions * min(20, incidents) else {
            throw ValidationError("need incidents ≥ 1, actions ≥ 1 and actions ≤ links ≤ 20 × actions")
        }
        guard runs >= 2 else { throw ValidationError("--runs must be at least 2") }
    }

    func run() async throws {
        print(Figure.table(try await Self.measure(incidents: incidents, actions: actions, links: links, runs: runs)))
    }

    static func measure(incidents: Int, actions: Int, links: Int, runs: Int) async throws -> [Figure] {
        let shape = (incidents: incidents, actions: actions, links: links, runs: runs)
        return try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            let created = try await Timing.measure {
                try await SyntheticTeam.create(
                    in: db, incidents: shape.incidents, actions: shape.actions, links: shape.links)
            }
            print(
                String(
                    format: "synthetic team: %d incidents, %d actions, %d links, created in %.1f s",
                    shape.incidents, shape.actions, shape.links, created))
            return [try await Self.compare(db, runs: shape.runs, actions: shape.actions)]
        }
    }

    static func compare(_ db: Database, runs: Int, actions: Int) async throws -> Figure {
        let operations = LocalOperations.bench(db)
        let asOf = SyntheticTeam.asOf
        var ours: [Double] = []
        var bare: [Double] = []
        for round in 0...runs {
            let a = try await Timing.measure {
                let ranked = try await operations.backlog(
                    team: SyntheticTeam.key, asOf: asOf, limit: nil, filter: .all)
                precondition(ranked.count == actions)
            }
            let b = try await Timing.measure {
                let rows = try await SyntheticTeam.bareAggregate(db, asOf: asOf)
                precondition(rows == actions)
            }
            if round > 0 {
                ours.append(a)
                bare.append(b)
            }
        }
        return Figure.time(
            "ranking \(actions) actions", Timing.median(ours), baseline: "the SQL GROUP BY", Timing.median(bare),
            goal: .ratioAtMost(1.2))
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO

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
        try await TeamTimings.with(incidents: incidents, actions: actions, links: links) { team in
            for round in 0...runs { try await team.round(timed: round > 0) }
            team.report()
            return team.medians
        }
    }
}

/// A synthetic team in a fresh database, planned and ranked through the operations, round by round:
/// what the planning case times, and the growth case at two sizes in turn.
final class TeamTimings: @unchecked Sendable {
    let database: Database
    let operations: LocalOperations<DirectRunner>
    let actions: Int
    let created: Double
    var planning: [Double] = []
    var ranking: [Double] = []
    var last: Plan?

    private init(database: Database, actions: Int, created: Double) {
        self.database = database
        self.operations = LocalOperations.bench(database)
        self.actions = actions
        self.created = created
    }

    /// Makes the team in a fresh database, which lasts as long as `body`.
    static func with<Result: Sendable>(
        incidents: Int, actions: Int, links: Int, _ body: @Sendable (TeamTimings) async throws -> Result
    ) async throws -> Result {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            let created = try await Timing.measure {
                try await SyntheticTeam.create(in: db, incidents: incidents, actions: actions, links: links)
                try await SyntheticTeam.addEngineers(8, to: db)
            }
            return try await body(
                TeamTimings(database: db, actions: actions, created: created))
        }
    }

    /// Plans, then ranks; `timed` keeps the two times (false: a warm-up). `rankFirst` ranks once
    /// untimed before them: when another team's round ran in between, its reads have pushed this
    /// team's pages out of PostgreSQL's buffers, and the first operation timed would pay for
    /// reading them back (the 100,000-action team planned in 1.2 to 1.6 s a round after the large
    /// team's, 0.8 to 1.4 s after its own).
    func round(timed: Bool, rankFirst: Bool = false) async throws {
        // The plans stored before (a million items' arrays at the larger size) are written out first,
        // so that no round times the background writing of the one before it.
        try await database.client.query("CHECKPOINT", logger: database.logger)
        if rankFirst { _ = try await rank() }
        // What a round made is freed outside its timing: a caller waits for its answer, not for the
        // freeing of the answer before it (a million unplanned items, a million ranked ones).
        last = nil
        let p = try await Timing.measure {
            last = try await operations.plan(
                team: SyntheticTeam.key, asOf: SyntheticTeam.asOf, sprints: 6, dryRun: false)
        }
        var ranked: [RankedItem] = []
        let r = try await Timing.measure { ranked = try await rank() }
        precondition(ranked.count == actions)
        if timed {
            planning.append(p)
            ranking.append(r)
        }
    }

    /// The whole backlog, ranked.
    private func rank() async throws -> [RankedItem] {
        try await operations.backlog(team: SyntheticTeam.key, asOf: SyntheticTeam.asOf, limit: nil, filter: .all)
    }

    var medians: (planning: Double, ranking: Double) { (Timing.median(planning), Timing.median(ranking)) }

    func report() {
        guard let last else { return }
        print(
            String(format: "%d actions (made in %.1f s) ", actions, created)
                + "plan: \(last.sprints.count) sprints, \(last.placements.count) items planned, "
                + "\(last.unplanned.count) unplanned, \(last.warnings.count) warnings; timed rounds: planning "
                + planning.map { String(format: "%.0f", $0 * 1000) }.joined(separator: ", ") + " ms, ranking "
                + ranking.map { String(format: "%.0f", $0 * 1000) }.joined(separator: ", ") + " ms")
    }
}

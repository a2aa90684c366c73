import ArgumentParser

/// Ranking and planning a team ten times larger: each against the same operation on the smaller team,
/// in one run. Linear work waits at most ten times as long (goal: the size factor plus a tenth).
struct Growth: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ranking and planning 10 × N actions vs. N actions (goal: ratio ≤ 11, linear).")

    @Option(help: "The smaller team's open actions (the larger has ten times as many).") var actions = 100_000
    @Option(help: "Timed rounds at each size (after a warm-up round).") var runs = 3

    func validate() throws {
        guard actions >= 10 else { throw ValidationError("--actions must be at least 10") }
    }

    func run() async throws {
        print(Figure.table(try await Self.measure(actions: actions, runs: runs)))
    }

    /// Both sizes have the shape of the ranking case: an incident for every five actions, three links
    /// an action.
    static func measure(actions: Int, runs: Int) async throws -> [Figure] {
        let factor = 10
        // Both teams exist at once and the rounds alternate between them, so that the machine's load
        // over the minutes of a run falls on both sizes alike.
        let (small, large) = try await TeamTimings.with(
            incidents: actions / 5, actions: actions, links: actions * 3
        ) { small in
            try await TeamTimings.with(
                incidents: actions * factor / 5, actions: actions * factor, links: actions * factor * 3
            ) { large in
                for round in 0...runs {
                    try await small.round(timed: round > 0, rankFirst: true)
                    try await large.round(timed: round > 0, rankFirst: true)
                }
                small.report()
                large.report()
                return (small.medians, large.medians)
            }
        }
        let goal = Figure.Goal.ratioAtMost(Double(factor) * 1.1)
        return [
            Figure.time(
                "ranking \(actions * factor) actions", large.ranking, baseline: "\(actions) actions",
                small.ranking, goal: goal),
            Figure.time(
                "planning \(actions * factor) actions, 6 sprints", large.planning, baseline: "\(actions) actions",
                small.planning, goal: goal),
        ]
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakStore
import Foundation

struct BacklogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backlog",
        abstract: "The open and claimed actions, ranked by what the outages they would prevent cost.",
        discussion: """
            priority = value / effort, where value sums coverage × cost over the linked incidents and
            cost = (minutes × severity weight + ticket weight × tickets) × customer multiplier × 0.5^(age / half-life).
            Effort is the estimate, or the team's default estimate (marked *) when there is none.
            --explain shows every term, so any score can be recomputed by hand.
            """)

    @OptionGroup var team: TeamOption
    @OptionGroup var asOf: AsOfOption
    @Option(parsing: .unconditional, help: "Show only the first N items.") var limit: Int?
    @Flag(help: "Explain each score term by term (all ranked items, or the one named).") var explain = false
    @Argument(help: "With --explain: the action to explain.") var key: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try FlagRange.check("--limit", limit, atLeast: 1)
        if key != nil, !explain { throw ValidationError("an action key goes with --explain") }
    }

    func run() async throws {
        let at = asOf.date
        if explain {
            try await runExplain(at: at)
            return
        }
        let team = self.team
        let ranked =
            if let api = APIClient.fromEnvironment() {
                try await api.get(
                    [RankedItem].self, "/v1/teams/\(try await api.team(team))/backlog",
                    query: ["asOf": ISO8601Format.string(at)])
            } else {
                try await global.withDatabase { db in
                    try await BacklogStore(database: db).rank(team: try await team.resolve(in: db), asOf: at)
                }
            }
        let shown = Array(ranked.prefix(limit ?? ranked.count))
        try Output.print(shown, as: output.format) { Self.listing(shown) }
    }

    static func listing(_ items: [RankedItem]) -> Listing {
        Listing(
            columns: ["rank", "key", "title", "kind", "value", "effort", "priority", "incidents", "claimant"],
            rows: items.map {
                [
                    String($0.rank), $0.key, $0.title, $0.kind.rawValue, Numbers.fixed($0.value),
                    NumberText.plain($0.effort) + ($0.estimated ? "" : "*"), Numbers.fixed($0.priority),
                    $0.incidents.joined(separator: ","), $0.claimedBy ?? "",
                ]
            })
    }

    func runExplain(at: Date) async throws {
        let (team, item, limit) = (self.team, key, self.limit)
        let explained: BacklogStore.Explained
        if let api = APIClient.fromEnvironment() {
            let key = try await api.team(team)
            let query: [String: String?] = ["asOf": ISO8601Format.string(at)]
            let explanations =
                if let item {
                    [try await api.get(ScoreExplanation.self, "/v1/teams/\(key)/backlog/\(item)/explain", query: query)]
                } else {
                    try await api.get(
                        [ScoreExplanation].self, "/v1/teams/\(key)/backlog",
                        query: query.merging(["explain": "true", "limit": limit.map(String.init)]) { $1 })
                }
            explained = BacklogStore.Explained(
                team: try await api.get(Team.self, "/v1/teams/\(key)"),
                ranked: try await api.get([RankedItem].self, "/v1/teams/\(key)/backlog", query: query),
                explanations: explanations)
        } else {
            explained = try await global.withDatabase { db in
                try await BacklogStore(database: db).explain(
                    team: try await team.resolve(in: db), item: item, asOf: at, limit: limit)
            }
        }
        let (ranked, explanations) = (explained.ranked, explained.explanations)
        let titles = Dictionary(uniqueKeysWithValues: ranked.map { ($0.key, $0.title) })
        let ranks = Dictionary(uniqueKeysWithValues: ranked.map { ($0.key, $0.rank) })
        switch output.format {
        case .json: print(try JSONText.pretty(explanations))
        case .csv: print(ExplainText.csv(explanations), terminator: "")
        case .table:
            print(ExplainText.header(explained.team, asOf: at))
            for e in explanations { print(ExplainText.text(e, rank: ranks[e.key], title: titles[e.key] ?? "")) }
        }
    }
}

/// Numbers for tables: two decimals; JSON keeps them unrounded.
enum Numbers {
    static func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
}

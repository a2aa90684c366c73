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
    @Option(help: "Show only the first N items.") var limit: Int?
    @Flag(help: "Explain each score term by term (all ranked items, or the one named).") var explain = false
    @Argument(help: "With --explain: the action to explain.") var key: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if key != nil, !explain { throw ValidationError("an action key goes with --explain") }
    }

    func run() async throws {
        let at = asOf.date
        if explain {
            try await runExplain(at: at)
            return
        }
        let ranked = try await global.withDatabase { db in
            try await BacklogStore(database: db).rank(team: try await team.resolve(in: db), asOf: at)
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
        let (snapshot, ranked) = try await global.withDatabase { db in
            let store = BacklogStore(database: db)
            let key = try await team.resolve(in: db)
            return (try await store.snapshot(team: key), try await store.rank(team: key, asOf: at))
        }
        let items = Dictionary(uniqueKeysWithValues: snapshot.items.map { ($0.key, $0) })
        var keys = ranked.map(\.key)
        if let key {
            guard let item = items[key] else {
                throw StoreError.notFound("no action \(key) in team \(snapshot.team.key)")
            }
            guard item.status.isActive else {
                throw CLIFailure.error("\(key) is \(item.status.rawValue): only open and claimed actions are ranked")
            }
            keys = [key]
        } else if let limit {
            keys = Array(keys.prefix(limit))
        }
        let facts = snapshot.incidentsByKey
        let explanations = keys.compactMap { items[$0] }.map {
            BacklogRanking.explain($0, incidents: facts, weights: snapshot.team.weights, asOf: at)
        }
        let ranks = Dictionary(uniqueKeysWithValues: ranked.map { ($0.key, $0.rank) })
        switch output.format {
        case .json: print(try JSONText.pretty(explanations))
        case .csv: print(ExplainText.csv(explanations), terminator: "")
        case .table:
            print(ExplainText.header(snapshot.team, asOf: at))
            for e in explanations { print(ExplainText.text(e, rank: ranks[e.key], title: items[e.key]?.title ?? "")) }
        }
    }
}

/// Numbers for tables: two decimals; JSON keeps them unrounded.
enum Numbers {
    static func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
}

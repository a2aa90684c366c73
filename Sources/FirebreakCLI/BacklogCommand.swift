import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

struct BacklogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backlog",
        abstract: "The open and claimed actions, ranked by what the outages they would prevent cost.",
        discussion: Help.discussion(
            """
            priority = value / effort, where value sums coverage × cost over the linked incidents and \
            cost = (minutes × severity weight + ticket weight × tickets) × customer multiplier × 0.5^(age / half-life). \
            Effort is the estimate, or the team's default estimate (marked *) when there is none. \
            --explain shows every term, so any score can be recomputed by hand. --unclaimed and --mine keep \
            the items no one holds or yours; ranks stay those of the whole backlog.
            """,
            examples: ["firebreak backlog --mine --as amara", "firebreak backlog --explain ACT-14"]))

    @OptionGroup var team: TeamOption
    @OptionGroup var asOf: AsOfOption
    @Option(parsing: .unconditional, help: "Show only the first N items.") var limit: Int?
    @Flag(help: "Explain each score term by term (all ranked items, or the one named).") var explain = false
    @Argument(help: "With --explain: the action to explain.") var key: String?
    @Flag(help: "Only the items no one has claimed.") var unclaimed = false
    @Flag(help: "Only the items claimed by the engineer of --as (default: your own).") var mine = false
    @OptionGroup var acting: ActingAs
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try FlagRange.check("--limit", limit, atLeast: 1)
        if key != nil, !explain { throw ValidationError("an action key goes with --explain") }
        if unclaimed, mine { throw ValidationError("--unclaimed and --mine exclude each other") }
        if acting.handle != nil, !mine { throw ValidationError("--as goes with --mine") }
        let filters = (unclaimed ? ["--unclaimed"] : []) + (mine ? ["--mine"] : [])
        if explain, let refusal = BacklogFilter.explainRefusal(explain: "--explain", filters: filters) {
            throw ValidationError(refusal)
        }
    }

    func run() async throws {
        let at = asOf.date
        if explain {
            try await runExplain(at: at)
            return
        }
        let (team, limit, unclaimed, mine, handle) = (self.team, self.limit, self.unclaimed, self.mine, acting.handle)
        let ranked = try await global.withOperations { operations in
            var filter = BacklogFilter.all
            if unclaimed { filter = .unclaimed }
            if mine {
                let own = handle == nil ? try await operations.me().engineer : nil
                guard let engineer = handle ?? own else {
                    throw ValidationError("--mine needs an engineer: pass --as HANDLE")
                }
                filter = .claimedBy(engineer)
            }
            return try await operations.backlog(
                team: try await team.resolve(with: operations), asOf: at, limit: limit, filter: filter)
        }
        try Output.print(ranked, as: output) { Self.listing(ranked) }
    }

    static func listing(_ items: [RankedItem]) -> Listing {
        Listing(
            columns: ["rank", "key", "title", "kind", "value", "effort", "priority", "incidents", "claimant"],
            rows: items.map {
                [
                    String($0.rank), $0.key, $0.title, $0.kind.rawValue, NumberText.fixed($0.value),
                    NumberText.plain($0.effort) + ($0.estimated ? "" : "*"), NumberText.fixed($0.priority),
                    $0.incidents.joined(separator: ","), $0.claimedBy ?? "",
                ]
            },
            // Priority is value / effort: on a narrow terminal the two give way to the title.
            droppable: ["value", "effort"])
    }

    func runExplain(at: Date) async throws {
        let (team, item, limit) = (self.team, key, self.limit)
        let explained = try await global.withOperations { operations in
            // An item's key fixes its team: no --team or default is needed to explain it.
            let key: String
            if let item, team.team == nil {
                key = try await operations.action(item).value.team
            } else {
                key = try await team.resolve(with: operations)
            }
            // One ranking gives both the ranks and the explanations.
            return try await operations.explained(team: key, item: item, asOf: at, limit: limit)
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

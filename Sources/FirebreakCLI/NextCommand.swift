import ArgumentParser
import FirebreakCore
import FirebreakOperations
import Foundation

struct NextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "An engineer's claims against the WIP limit, then the best unclaimed items that fit.",
        discussion: Help.discussion(
            """
            Suggestions come from the current sprint of the latest stored plan, best priority first, each while it fits: one free WIP slot, and its effort out of the engineer's capacity less what they already hold. Each comes with the command that claims it.
            """,
            examples: ["firebreak next --as amara"]))
    @OptionGroup var team: TeamOption
    @OptionGroup var acting: ActingAs
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (team, handle, at) = (self.team, acting.handle, asOf.date)
        let next = try await global.withOperations { operations in
            try await operations.next(team: try await team.resolve(with: operations), engineer: handle, asOf: at)
        }
        switch output.format {
        case .json: print(try JSONText.pretty(next))
        case .csv: print(Self.listing(next).csv(raw: output.raw), terminator: "")
        case .table: print(Self.text(next, on: .standardOutput()), terminator: "")
        }
    }

    /// One row per item: what the engineer holds (`claimed`), then what to claim (`next`).
    static func listing(_ next: NextWork) -> Listing {
        let rows = next.claimed.map { ("claimed", $0) } + next.suggestions.map { ("next", $0) }
        return Listing(
            columns: ["status", "rank", "key", "title", "effort", "value", "priority", "command"],
            rows: rows.map { status, item in
                [
                    status, String(item.rank), item.key, item.title,
                    NumberText.plain(item.effort) + (item.estimated ? "" : "*"), NumberText.fixed(item.value),
                    NumberText.fixed(item.priority), item.claimCommand ?? Listing.nothing,
                ]
            }, droppable: ["value", "rank", "priority"])
    }

    /// The table: a summary line, the claims, the suggestions, and why there are no (more); fitted to
    /// a terminal's width, whole when piped.
    static func text(_ next: NextWork, on screen: Screen = Screen(width: nil, colour: false)) -> String {
        var out =
            "\(next.engineer) (\(next.team)): \(next.claimed.count) of \(next.wipLimit) WIP, "
            + "\(NumberText.plain(next.claimedEffort)) of \(NumberText.plain(next.capacity)) points claimed"
        if let sprint = next.sprint, let plan = next.plan {
            out += "; \(sprint.name) (\(sprint.startsOn) to \(sprint.endsOn)) of plan \(plan)"
        }
        out += "\n"
        if !next.claimed.isEmpty || !next.suggestions.isEmpty {
            out += "\n" + listing(next).table(width: screen.width, bold: screen.bold)
        }
        if let note = next.note { out += "\n" + note + "\n" }
        return out
    }
}

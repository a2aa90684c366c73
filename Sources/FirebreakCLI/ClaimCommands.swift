import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

/// `--as HANDLE`: act as that engineer; without it, as the caller's own engineer (the token's, or
/// `FIREBREAK_ENGINEER`), and a manager ends a claim as a manager.
struct ActingAs: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "Act as this engineer (default: the token's engineer, else FIREBREAK_ENGINEER, else `firebreak config get engineer`).",
            discussion: "Without it, a manager's release and done act as a manager."))
    var handle: String?
}

struct ClaimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Claim an open item for an engineer; it is pinned to the current sprint.",
        discussion: Help.discussion(
            """
            Exactly one of many simultaneous claims wins. Exits 3, naming who holds it, when the item \
            is already claimed or the engineer is at the team's WIP limit.
            """,
            examples: ["firebreak claim ACT-14 --as amara"]))
    @Argument(help: "Action key.") var key: String
    @OptionGroup var acting: ActingAs
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (key, handle) = (self.key, acting.handle)
        let claimed = try await global.withOperations { try await $0.claim(key, engineer: handle) }
        print("\(claimed.claimedBy ?? handle ?? "") claimed \(key).")
    }
}

struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Give a claimed item back; only its claimant or a manager may.",
        discussion: Help.discussion(examples: ["firebreak release ACT-14 --as amara"]))
    @Argument(help: "Action key.") var key: String
    @OptionGroup var acting: ActingAs
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (key, handle) = (self.key, acting.handle)
        try await global.withOperations { _ = try await $0.release(key, engineer: handle) }
        print("Released \(key).")
    }
}

struct DoneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done", abstract: "Mark an item done; only its claimant or a manager may.",
        discussion: Help.discussion(examples: ["firebreak done ACT-14 --as amara"]))
    @Argument(help: "Action key.") var key: String
    @OptionGroup var acting: ActingAs
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (key, handle) = (self.key, acting.handle)
        try await global.withOperations { _ = try await $0.done(key, engineer: handle) }
        print("\(key) is done.")
    }
}

struct SprintsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sprints",
        abstract: "The sprint calendar ahead: dates, kind (feature or improvement, and why), capacity.",
        discussion: Help.discussion(examples: ["firebreak sprints --from 2026-11-28 --count 6"]))
    @OptionGroup var team: TeamOption
    @Option(help: "Start from the sprint containing this date (YYYY-MM-DD). Default: today.") var from: String?
    @Option(parsing: .unconditional, help: "How many sprints.") var count: Int = Limits.defaultPlanHorizon
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let from, CalendarDate(from) == nil {
            throw ValidationError("--from \"\(from)\" is not a date (YYYY-MM-DD)")
        }
        try FlagRange.check("--count", count, Limits.planHorizon)
    }

    func run() async throws {
        let start = from.flatMap { ReportDate.parse($0) } ?? Date()
        let (n, team) = (count, self.team)
        let sprints = try await global.withOperations { operations in
            try await operations.sprints(team: try await team.resolve(with: operations), from: start, count: n)
        }
        try Output.print(sprints, as: output) {
            Listing(
                columns: ["sprint", "name", "starts", "ends", "kind", "why", "capacity", "backlog"],
                rows: sprints.map {
                    [
                        String($0.number), $0.name, $0.startsOn.description, $0.endsOn.description, $0.kind.rawValue,
                        $0.reason?.rawValue ?? "", NumberText.fixed($0.capacity, 1), String($0.backlogCapacity),
                    ]
                })
        }
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakStore
import Foundation

/// `--as HANDLE`: act as that engineer; without it the local CLI acts as a manager.
struct ActingAs: ParsableArguments {
    @Option(name: .customLong("as"), help: "Act as this engineer (default for release and done: as a manager).")
    var handle: String?

    /// The local user, acting for the engineer `--as` names, or as a manager.
    var actor: ClaimStore.Actor {
        handle.map { .on(behalfOf: $0, by: Actor.current) } ?? .manager(Actor.current)
    }

    /// What ends a claim: the verb is also the API's route and the store's method.
    enum Ending: String, Sendable {
        case release, done
    }

    /// Releases or completes `key`, on the database or through the service, and prints `message`.
    func finish(_ key: String, _ ending: Ending, global: GlobalOptions, message: String) async throws {
        let actor = self.actor
        if let api = APIClient.fromEnvironment() {
            // The server knows the caller from the token; --as names the engineer for a manager's token.
            _ = try await api.post(
                ClaimReply.self, "/v1/actions/\(key)/\(ending.rawValue)", body: handle.map { ["engineer": $0] } ?? [:])
        } else {
            try await global.withDatabase { db in
                switch ending {
                case .release: try await ClaimStore(database: db).release(key, as: actor)
                case .done: try await ClaimStore(database: db).done(key, as: actor)
                }
            }
        }
        print(message)
    }
}

/// What the service answers to a claim, release or completion.
struct ClaimReply: Decodable {
    var key: String
    var status: ActionStatus
    var claimedBy: String?
}

struct ClaimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Claim an open item for an engineer; it is pinned to the current sprint.",
        discussion: """
            Exactly one of many simultaneous claims wins. Exits 3, naming who holds it, when the item
            is already claimed or the engineer is at the team's WIP limit.
            Example: firebreak claim ACT-14 --as amara
            """)
    @Argument(help: "Action key.") var key: String
    @Option(name: .customLong("as"), help: "The engineer claiming it.") var handle: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (key, handle) = (self.key, self.handle)
        if let api = APIClient.fromEnvironment() {
            _ = try await api.post(ClaimReply.self, "/v1/actions/\(key)/claim", body: ["engineer": handle])
        } else {
            let actor = ClaimStore.Actor.on(behalfOf: handle, by: Actor.current)
            try await global.withDatabase { try await ClaimStore(database: $0).claim(key, as: actor) }
        }
        print("\(handle) claimed \(key).")
    }
}

struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Give a claimed item back; only its claimant or a manager may.")
    @Argument(help: "Action key.") var key: String
    @OptionGroup var acting: ActingAs
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await acting.finish(key, .release, global: global, message: "Released \(key).")
    }
}

struct DoneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done", abstract: "Mark an item done; only its claimant or a manager may.")
    @Argument(help: "Action key.") var key: String
    @OptionGroup var acting: ActingAs
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await acting.finish(key, .done, global: global, message: "\(key) is done.")
    }
}

struct SprintsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sprints",
        abstract: "The sprint calendar ahead: dates, kind (feature or improvement, and why), capacity.")
    @OptionGroup var team: TeamOption
    @Option(help: "Start from the sprint containing this date (YYYY-MM-DD). Default: today.") var from: String?
    @Option(parsing: .unconditional, help: "How many sprints. Default 6.") var count: Int = 6
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let from, CalendarDate(from) == nil {
            throw ValidationError("--from \"\(from)\" is not a date (YYYY-MM-DD)")
        }
        try FlagRange.check("--count", count, 1...104)
    }

    func run() async throws {
        let start = from.flatMap { CalendarDate($0) } ?? CalendarDate(containing: .now)
        let n = count
        let sprints = try await global.withDatabase { db in
            try await PlanStore(database: db).calendar(team: try await team.resolve(in: db)).sprints(
                from: start, count: n)
        }
        try Output.print(sprints, as: output.format) {
            Listing(
                columns: ["sprint", "name", "starts", "ends", "kind", "why", "capacity", "backlog"],
                rows: sprints.map {
                    [
                        String($0.number), $0.name, $0.startsOn.description, $0.endsOn.description, $0.kind.rawValue,
                        $0.reason?.rawValue ?? "", Numbers.fixed($0.capacity, 1), String($0.backlogCapacity),
                    ]
                })
        }
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakStore

struct TeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Create and inspect teams: calendar, cadence, scoring weights, WIP limit.",
        subcommands: [Create.self, Show.self, List.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a team.",
            discussion: "Example: firebreak team create CORE --name \"Salon platform\" --sprint-start 2026-01-05")

        @Argument(help: "Team key: upper-case letters, digits, _ (e.g. CORE).") var key: String
        @Option(help: "Display name.") var name: String
        @Option(help: "First day of sprint 1 (YYYY-MM-DD). Default 2026-01-05.") var sprintStart: String?
        @Option(help: "Sprint length in days. Default 14.") var sprintLength: Int = 14
        @Option(help: "Maximum claimed items per engineer. Default 2.") var wipLimit: Int = 2
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard Team.isValidKey(key) else {
                throw ValidationError(
                    "team key \"\(key)\" must be an upper-case letter then upper-case letters, digits or _")
            }
            if let sprintStart, CalendarDate(sprintStart) == nil {
                throw ValidationError("--sprint-start \"\(sprintStart)\" is not a date (YYYY-MM-DD)")
            }
            guard (1...366).contains(sprintLength) else {
                throw ValidationError("--sprint-length must be 1 to 366 days")
            }
            guard wipLimit >= 1 else { throw ValidationError("--wip-limit must be at least 1") }
        }

        func run() async throws {
            var team = Team(key: key, name: name, wipLimit: wipLimit)
            team.cadence.sprintLengthDays = sprintLength
            if let start = sprintStart.flatMap({ CalendarDate($0) }) { team.cadence.sprintOneStarts = start }
            let newTeam = team
            try await global.withDatabase { db in
                try await TeamStore(database: db).create(newTeam, actor: Actor.current)
            }
            print("Created team \(key) (\(name)).")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a team's settings and engineers.")
        @Argument(help: "Team key.") var key: String
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (team, engineers) = try await global.withDatabase { db in
                let store = TeamStore(database: db)
                return (try await store.get(key), try await store.engineers(team: key))
            }
            if output.format == .json {
                print(try JSONText.pretty(TeamDetails(team: team, engineers: engineers)))
                return
            }
            let c = team.cadence, w = team.weights
            let budget = c.budgetCost.map { "\(NumberText.plain($0)) over \(c.budgetDays ?? 0) days" } ?? "off"
            let listing = Listing(
                columns: ["setting", "value"],
                rows: [
                    ["key", team.key], ["name", team.name],
                    ["sprints", "\(c.sprintLengthDays) days from \(c.sprintOneStarts)"],
                    ["improvement sprint", c.improvementEvery == 0 ? "off" : "every \(c.improvementEvery)"],
                    ["backlog share", "\(NumberText.plain(c.backlogShare))%"], ["error budget", budget],
                    ["ticket weight", NumberText.plain(w.ticketWeight)],
                    ["customer multiplier", NumberText.plain(w.customerMultiplier)],
                    ["half-life", "\(NumberText.plain(w.halfLifeDays)) days"],
                    ["default estimate", NumberText.plain(w.defaultEstimate)], ["WIP limit", String(team.wipLimit)],
                    ["engineers", engineers.map(\.handle).joined(separator: ", ")],
                ])
            print(output.format == .csv ? listing.csv() : listing.table(maxWidth: 100), terminator: "")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List teams.")
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let teams = try await global.withDatabase { try await TeamStore(database: $0).list() }
            try Output.print(teams, as: output.format) {
                Listing(
                    columns: ["key", "name", "sprint", "every", "share", "wip"],
                    rows: teams.map {
                        [
                            $0.key, $0.name, "\($0.cadence.sprintLengthDays)d", String($0.cadence.improvementEvery),
                            "\(NumberText.plain($0.cadence.backlogShare))%", String($0.wipLimit),
                        ]
                    })
            }
        }
    }
}

struct TeamDetails: Encodable {
    var team: Team
    var engineers: [Engineer]
}

import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

struct TeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Create, change, archive and delete teams: calendar, cadence, scoring weights, WIP limit.",
        discussion: Help.discussion(examples: ["firebreak team list", "firebreak team show CORE"]),
        subcommands: [
            Create.self, Show.self, List.self, Set.self, Archive.self, Unarchive.self, Delete.self,
        ]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a team.",
            discussion: Help.discussion(examples: [
                "firebreak team create CORE --name \"Salon platform\" --sprint-start 2026-01-05"
            ]))

        @Argument(help: "Team key: upper-case letters, digits, _ (e.g. CORE).") var key: String
        @Option(help: "Display name.") var name: String
        @Option(help: "First day of sprint 1 (YYYY-MM-DD). Default 2026-01-05.") var sprintStart: String?
        @Option(parsing: .unconditional, help: "Sprint length in days.") var sprintLength: Int = 14
        @Option(parsing: .unconditional, help: "Maximum claimed items per engineer.") var wipLimit: Int = 2
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard Team.isValidKey(key) else {
                throw ValidationError(
                    "team key \"\(key)\" must be an upper-case letter then upper-case letters, digits or _")
            }
            if let sprintStart, CalendarDate(sprintStart) == nil {
                throw ValidationError("--sprint-start \"\(sprintStart)\" is not a date (YYYY-MM-DD)")
            }
            try FlagRange.check("--sprint-length", sprintLength, 1...366)
            try FlagRange.check("--wip-limit", wipLimit, 1...FlagRange.whole)
            if let problem = Team(key: key, name: name).validationProblem() {
                throw ValidationError("\(TeamCommand.flag(problem.field)): \(problem.message)")
            }
        }

        func run() async throws {
            var team = Team(key: key, name: name, wipLimit: wipLimit)
            team.cadence.sprintLengthDays = sprintLength
            if let start = sprintStart.flatMap({ CalendarDate($0) }) { team.cadence.sprintOneStarts = start }
            let newTeam = team
            try await global.withOperations { _ = try await $0.createTeam(newTeam) }
            print("Created team \(key) (\(name)).")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a team's settings and engineers.",
            discussion: Help.discussion(examples: ["firebreak team show CORE"]))
        @Argument(help: "Team key.") var key: String
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let key = self.key
            let (team, engineers) = try await global.withOperations { operations in
                (try await operations.team(key).value, try await operations.engineers(team: key))
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
                    [
                        "severity aliases",
                        team.severityAliasList.isEmpty ? "none" : team.severityAliasList.joined(separator: ", "),
                    ],
                    ["engineers", engineers.map(\.handle).joined(separator: ", ")],
                ])
            Output.print(listing, as: output)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List teams; archived ones with --all.",
            discussion: Help.discussion(examples: ["firebreak team list --all"]))
        @Flag(help: "Archived teams too, with a status column (JSON: archived and demo keys).") var all = false
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            if all {
                try await listAll()
                return
            }
            let teams = try await global.withOperations { try await $0.teams() }
            try Output.print(teams, as: output) {
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

        func listAll() async throws {
            let teams = try await global.withOperations { try await $0.allTeams() }
            try Output.print(teams, as: output) {
                Listing(
                    columns: ["key", "name", "status", "sprint", "every", "share", "wip"],
                    rows: teams.map {
                        let c = $0.team.cadence
                        let status = [$0.archived ? "archived" : "active", $0.demo ? "demo" : nil]
                        return [
                            $0.team.key, $0.team.name, status.compactMap { $0 }.joined(separator: ", "),
                            "\(c.sprintLengthDays)d", String(c.improvementEvery),
                            "\(NumberText.plain(c.backlogShare))%", String($0.team.wipLimit),
                        ]
                    })
            }
        }
    }
}

extension TeamCommand {
    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a team's scoring weights, calendar, cadence, WIP limit or severity aliases.",
            discussion: Help.discussion(
                """
                Changes apply from then on; stored plans keep what they were made with.

                A report's severity is read from a named scale (SEV1..SEV4, P1..P4) or from the team's \
                severity aliases, matched without regard to case; `NAME=` removes an alias.
                """,
                examples: [
                    "firebreak team set CORE --ticket-weight 3 --half-life 90 --every 3 --share 15",
                    "firebreak team set CORE --severity-alias Critical=SEV1 --severity-alias Major=SEV2",
                ]))

        @Argument(help: "Team key.") var key: String
        @Option(help: "Display name.") var name: String?
        @Option(
            parsing: .unconditional,
            help:
                "Cost of one support ticket, in severity-weighted outage minutes: 0 (off) or 0.001 to 1000000 (default 2)."
        )
        var ticketWeight: Double?
        @Option(
            parsing: .unconditional,
            help: "Cost factor for customer-detected outages: 0 or 0.001 to 1000000 (default 1.5).")
        var customerMultiplier: Double?
        @Option(
            name: .customLong("half-life"), parsing: .unconditional,
            help: "Days for an incident's cost to halve (default 180).")
        var halfLife: Double?
        @Option(
            parsing: .unconditional, help: "Story points assumed for unestimated actions, 0.01 to 1000 (default 3).")
        var defaultEstimate: Double?
        @Option(help: "First day of sprint 1 (YYYY-MM-DD).") var sprintStart: String?
        @Option(parsing: .unconditional, help: "Sprint length in days (default 14).") var sprintLength: Int?
        @Option(parsing: .unconditional, help: "Every Nth sprint is an improvement sprint; 0 turns it off (default 4).")
        var every: Int?
        @Option(parsing: .unconditional, help: "Percent of other sprints kept for the backlog (default 10).") var share:
            Double?
        @Option(
            parsing: .unconditional,
            help: "Error budget: cost of incidents in --budget-days that makes the next sprint an improvement sprint.")
        var budget: Double?
        @Option(parsing: .unconditional, help: "Error budget window in days.") var budgetDays: Int?
        @Flag(help: "Turn the error-budget rule off.") var noBudget = false
        @Option(parsing: .unconditional, help: "Maximum claimed items per engineer (default 2).") var wipLimit: Int?
        @Option(
            name: .customLong("severity-alias"),
            help: ArgumentHelp(
                "A team name for a severity, e.g. Critical=SEV1 (repeatable); Critical= removes it.",
                valueName: "name=severity"))
        var severityAliases: [String] = []
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            // The settings alone, checked together on a default team; the aliases are the team's own.
            var settings = try changes()
            settings.severityAliases = [:]
            var probe = Team(key: "PROBE", name: "probe")
            try settings.apply(to: &probe)
            if let problem = probe.validationProblem() {
                throw ValidationError("\(TeamCommand.flag(problem.field)): \(problem.message)")
            }
        }

        /// The change the flags ask for; nil leaves a setting as it is.
        func changes() throws -> TeamChanges {
            var c = TeamChanges()
            c.name = name
            c.ticketWeight = ticketWeight
            c.customerMultiplier = customerMultiplier
            c.halfLifeDays = halfLife
            c.defaultEstimate = defaultEstimate
            if let sprintStart {
                guard let date = CalendarDate(sprintStart) else {
                    throw ValidationError("--sprint-start \"\(sprintStart)\" is not a date (YYYY-MM-DD)")
                }
                c.sprintOneStarts = date
            }
            c.sprintLengthDays = sprintLength
            c.improvementEvery = every
            c.backlogShare = share
            c.clearBudget = noBudget
            if budget != nil || budgetDays != nil {
                guard let budget, let budgetDays else {
                    throw ValidationError("--budget and --budget-days go together")
                }
                c.budgetCost = budget
                c.budgetDays = budgetDays
            }
            c.wipLimit = wipLimit
            for spec in severityAliases {
                do {
                    let (alias, severity) = try Team.severityAliasSpec(spec)
                    c.severityAliases[Team.severityAliasKey(alias)] = severity
                } catch {
                    throw ValidationError("--severity-alias: \(error)")
                }
            }
            return c
        }

        func run() async throws {
            let (key, changes) = (self.key, try changes())
            do {
                try await global.withOperations { _ = try await $0.setTeam(key, changes, expectedVersion: nil) }
            } catch let error as StoreError where error.kind == .invalid && error.field != nil {
                // The operation names the API's field; the user gave a flag.
                throw StoreError(.invalid, "\(TeamCommand.flag(error.field!)): \(error.message)", field: error.field)
            }
            print("Updated team \(key).")
        }
    }
}

extension TeamCommand {
    /// The flag that sets a team's `field` (the API's name for it).
    static func flag(_ field: String) -> String {
        let flags = [
            "name": "--name", "ticketWeight": "--ticket-weight", "customerMultiplier": "--customer-multiplier",
            "halfLifeDays": "--half-life", "defaultEstimate": "--default-estimate",
            "sprintLengthDays": "--sprint-length",
            "improvementEvery": "--every", "backlogShare": "--share", "budgetCost": "--budget",
            "budgetDays": "--budget-days", "wipLimit": "--wip-limit", "severityAliases": "--severity-alias",
        ]
        return flags[field] ?? field
    }
}

struct TeamDetails: Encodable {
    var team: Team
    var engineers: [Engineer]
}

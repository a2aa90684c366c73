import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore

struct EngineerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engineer",
        abstract: "Add, list, change and deactivate engineers, and record their time off.",
        discussion: Help.discussion(examples: [
            "firebreak engineer list", "firebreak engineer add eli --name \"Eli Novak\" --team CORE",
        ]),
        subcommands: [Add.self, List.self, Set.self, Deactivate.self, TimeOffCommand.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an engineer to a team.",
            discussion: Help.discussion(examples: [
                "firebreak engineer add alice --name \"Alice Moreau\" --email alice@example.com --team CORE"
            ]))

        @Argument(help: "Handle: lower-case letters, digits, '.', '-', '_'.") var handle: String
        @Option(help: "Display name.") var name: String
        @Option(help: "Email address (the Jira assignee).") var email: String?
        @OptionGroup var team: TeamOption
        @Option(parsing: .unconditional, help: "Story points per sprint, 0 to 1000.") var capacity: Double =
            8
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            try FlagRange.check("--capacity", capacity, Engineer.capacityRange, unit: " story points")
            // The team is checked when it is resolved; the other fields here, before the database is asked.
            let engineer = Engineer(
                handle: handle, displayName: name, email: email, team: team.team ?? "", capacity: capacity)
            if let problem = engineer.validationProblem() {
                let flags = ["displayName": "--name: ", "email": "--email: ", "capacity": "--capacity: "]
                throw ValidationError((flags[problem.field] ?? "") + problem.message)
            }
        }

        func run() async throws {
            let (handle, name, email, capacity, team) = (handle, name, email, capacity, self.team)
            let added = try await global.withOperations { operations in
                try await operations.addEngineer(
                    Engineer(
                        handle: handle, displayName: name, email: email, team: try await team.resolve(with: operations),
                        capacity: capacity))
            }
            print("Added \(handle) to \(added.team) (\(NumberText.plain(capacity)) points per sprint).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List engineers; deactivated ones with --all.",
            discussion: Help.discussion(examples: ["firebreak engineer list --all"]))
        @Option(help: "Only this team (default: the configured team, else every team).") var team: String?
        @Flag(help: "Deactivated engineers too, with a status column (JSON: an active key).") var all = false
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let team = try ConfiguredDefaults.value(.team, flag: self.team)
            if all {
                try await listAll(team: team)
                return
            }
            let engineers = try await global.withOperations { try await $0.engineers(team: team) }
            try Output.print(engineers, as: output) {
                Listing(
                    columns: ["handle", "name", "email", "team", "capacity"],
                    rows: engineers.map {
                        [$0.handle, $0.displayName, $0.email ?? "", $0.team, NumberText.plain($0.capacity)]
                    })
            }
        }

        func listAll(team: String?) async throws {
            let engineers = try await global.withOperations { try await $0.allEngineers(team: team) }
            try Output.print(engineers, as: output) {
                Listing(
                    columns: ["handle", "name", "email", "team", "capacity", "status"],
                    rows: engineers.map {
                        let e = $0.engineer
                        return [
                            e.handle, e.displayName, e.email ?? "", e.team, NumberText.plain(e.capacity),
                            $0.active ? "active" : "deactivated",
                        ]
                    })
            }
        }
    }

    struct TimeOffCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "time-off",
            abstract: "Record days off (both ends included); sprint capacity counts only working days left.",
            discussion: Help.discussion(examples: ["firebreak engineer time-off amara 2026-12-21 2027-01-01"]))
        @Argument(help: "Engineer handle.") var handle: String
        @Argument(help: "First day off (YYYY-MM-DD).") var from: String
        @Argument(help: "Last day off (YYYY-MM-DD).") var to: String
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard let a = CalendarDate(from) else { throw ValidationError("\"\(from)\" is not a date (YYYY-MM-DD)") }
            guard let b = CalendarDate(to) else { throw ValidationError("\"\(to)\" is not a date (YYYY-MM-DD)") }
            guard a <= b else { throw ValidationError("time off ends (\(to)) before it starts (\(from))") }
        }

        func run() async throws {
            let (a, b) = (CalendarDate(from)!, CalendarDate(to)!)
            let handle = self.handle
            try await global.withOperations { _ = try await $0.addTimeOff(handle, from: a, to: b) }
            print("\(handle) is off from \(from) to \(to).")
        }
    }
}

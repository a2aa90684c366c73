import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan the coming sprints: generate and store a plan, show, list and compare plans.",
        discussion: Help.discussion(
            """
            `firebreak plan` plans the sprint containing the as-of date and the next ones: claimed \
            items first, then, sprint by sprint, the eligible items of highest total value that fit \
            the sprint's backlog capacity. Every item says why it is in its sprint, and every unplanned \
            item why not. A stored plan never changes; a new plan is a new number.
            """,
            examples: ["firebreak plan --team CORE --dry-run"]),
        subcommands: [Generate.self, Show.self, List.self, Diff.self],
        defaultSubcommand: Generate.self
    )

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate", abstract: "Generate, store and print a plan (the default).",
            discussion: Help.discussion(
                """
                With --dry-run the plan is computed and printed but not stored. Without it, when stdout \
                is not a terminal, stderr says which plan number was stored.
                """,
                examples: ["firebreak plan generate --team CORE --sprints 6 --dry-run"]))
        @OptionGroup var team: TeamOption
        @Option(
            parsing: .unconditional,
            help: "How many sprints to plan, from the one containing the as-of date.")
        var sprints: Int = Limits.defaultPlanHorizon
        @OptionGroup var asOf: AsOfOption
        @Flag(help: "Compute and print the plan without storing it.") var dryRun = false
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            try FlagRange.check("--sprints", sprints, Limits.planHorizon)
        }

        func run() async throws {
            let (at, horizon, dryRun, team) = (asOf.date, sprints, self.dryRun, self.team)
            let plan = try await global.withOperations { operations in
                try await operations.plan(
                    team: try await team.resolve(with: operations), asOf: at, sprints: horizon, dryRun: dryRun)
            }
            try PlanText.print(plan, as: output)
            // Piped, the plan's header may never be seen: say what was stored where a person looks.
            if !dryRun && !Terminal.stdoutIsTerminal {
                Terminal.standardError("stored plan \(plan.number) for \(plan.team)\n")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a stored plan: a number, or latest.",
            discussion: Help.discussion(examples: ["firebreak plan show 3 --team CORE"]))
        @Argument(help: "Plan number, or 'latest'.") var which: String = "latest"
        @OptionGroup var team: TeamOption
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard which == "latest" || Int(which).map({ (1...PlanStore.maxNumber).contains($0) }) == true else {
                throw ValidationError(
                    "plan must be a number from 1 to \(PlanStore.maxNumber) or 'latest', got \(which)")
            }
        }

        func run() async throws {
            let (number, team) = (Int(which), self.team)
            let plan = try await global.withOperations { operations in
                try await operations.storedPlan(team: try await team.resolve(with: operations), number: number)
            }
            try PlanText.print(plan, as: output)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a team's stored plans.",
            discussion: Help.discussion(examples: ["firebreak plan list --team CORE"]))
        @OptionGroup var team: TeamOption
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let team = self.team
            let plans = try await global.withOperations { try await $0.plans(team: try await team.resolve(with: $0)) }
            try Output.print(plans, as: output) {
                Listing(
                    columns: ["plan", "as of", "created", "by", "sprints", "items", "value"],
                    rows: plans.map {
                        [
                            String($0.number), CalendarDate(containing: $0.asOf).description,
                            ISO8601Format.string($0.createdAt), $0.createdBy, String($0.sprints), String($0.items),
                            NumberText.fixed($0.value),
                        ]
                    })
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What entered, left, moved or changed between two plans, and each sprint's figures.",
            discussion: Help.discussion(
                """
                Items that entered, left or moved, with the later plan's reason; items whose estimate or \
                value changed; and each sprint's capacity, used and value in both plans.
                """,
                examples: ["firebreak plan diff 3 4 --team CORE"]))
        @Argument(help: "The earlier plan.") var a: Int
        @Argument(help: "The later plan.") var b: Int
        @OptionGroup var team: TeamOption
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            for number in [a, b] where !(1...PlanStore.maxNumber).contains(number) {
                throw ValidationError("a plan number must be 1 to \(PlanStore.maxNumber), got \(number)")
            }
        }

        func run() async throws {
            let (a, b, team) = (self.a, self.b, self.team)
            let diff = try await global.withOperations {
                try await $0.planDiff(team: try await team.resolve(with: $0), a, b)
            }
            if output.format == .json {
                print(try JSONText.pretty(diff))
                return
            }
            print(PlanText.diff(diff), terminator: "")
        }
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Where the outages come from (cost by weakness category or by incident), and the trend.",
        discussion: Help.discussion(examples: ["firebreak report categories --team CORE", "firebreak report trend"]),
        subcommands: [Categories.self, Incidents.self, Trend.self]
    )

    struct Window: ParsableArguments {
        @OptionGroup var team: TeamOption
        @OptionGroup var asOf: AsOfOption
        @Option(help: "Only incidents that started on or after this date (YYYY-MM-DD).") var since: String?

        func validate() throws {
            if let since, ReportDate.parse(since) == nil {
                throw ValidationError("--since \"\(since)\" is not a date (YYYY-MM-DD)")
            }
        }

        var sinceDate: Date? { since.flatMap(ReportDate.parse) }

        /// The team, the as-of time and the start of the window, as the operations take them.
        func resolve(with operations: any Operations) async throws -> (team: String, asOf: Date, since: Date?) {
            (try await team.resolve(with: operations), asOf.date, sinceDate)
        }
    }

    struct Categories: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pareto of the weakness categories: incidents, outage minutes, tickets and cost, largest first.",
            discussion: Help.discussion(
                """
                Cost is before decay. An incident with two categories counts in both.
                """,
                examples: ["firebreak report categories --team CORE --format csv"]))
        @OptionGroup var window: Window
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let window = self.window
            let rows = try await global.withOperations { operations in
                let (team, at, since) = try await window.resolve(with: operations)
                return try await operations.outageCategories(team: team, asOf: at, since: since)
            }
            try Output.print(rows, as: output) { Self.listing(rows) }
        }

        static func listing(_ rows: [OutageCostReport.CategoryRow]) -> Listing {
            Listing(
                columns: ["category", "incidents", "outage", "tickets", "cost", "share", "cumulative"],
                rows: rows.map {
                    [
                        $0.category, String($0.incidents), ReportDate.formatMinutes($0.outageMinutes),
                        String($0.tickets),
                        NumberText.fixed($0.cost, 1), NumberText.fixed($0.share * 100, 1) + "%",
                        NumberText.fixed($0.cumulativeShare * 100, 1) + "%",
                    ]
                })
        }
    }

    struct Incidents: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cost per incident, largest first.",
            discussion: Help.discussion(examples: ["firebreak report incidents --team CORE --since 2026-01-01"]))
        @OptionGroup var window: Window
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let window = self.window
            let rows = try await global.withOperations { operations in
                let (team, at, since) = try await window.resolve(with: operations)
                return try await operations.outageIncidents(team: team, asOf: at, since: since)
            }
            try Output.print(rows, as: output) {
                Listing(
                    columns: ["key", "started", "sev", "outage", "tickets", "detected", "cost", "now", "share"],
                    rows: rows.map {
                        [
                            $0.key, $0.startedAt.map { CalendarDate(containing: $0).description } ?? "-",
                            $0.severity?.description ?? "-", ReportDate.formatMinutes($0.outageMinutes),
                            String($0.tickets), $0.detectedBy.rawValue, NumberText.fixed($0.cost, 1),
                            NumberText.fixed($0.decayedCost, 1), NumberText.fixed($0.share * 100, 1) + "%",
                        ]
                    })
            }
        }
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakStore
import Foundation

/// `--plan`, `--team`, `-o` and the database: what every plan export takes.
struct PlanFileOptions: ParsableArguments {
    @OptionGroup var choice: PlanChoice
    @Option(name: [.short, .customLong("output")], help: "Write to this file (default: stdout).") var output: String?
    @OptionGroup var global: GlobalOptions

    func export(_ format: PlanExportFormat) async throws {
        let (choice, output) = (self.choice, self.output)
        try await global.either(
            remote: { try await APIClient(remote: $0).export(format, choice: choice, query: [:], to: output) },
            local: { db in
                let team = try await choice.team.resolve(in: db)
                try await OutputSink.writing(to: output) { sink in
                    try await sink.export(format, team: team, plan: choice.number, db: db)
                }
            })
    }
}

struct ExportMarkdownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Write the plan as a wiki page (Markdown).",
        discussion: Help.discussion(examples: ["firebreak export markdown --team CORE --output plan.md"]), )
    @OptionGroup var file: PlanFileOptions

    func run() async throws { try await file.export(.markdown) }
}

struct ExportJSONCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json",
        abstract: "Write the plan and everything behind it as JSON, with stable keys.",
        discussion: Help.discussion(
            """
            Keys: plan (as `firebreak plan --format json`), team, backlog (ranked as of the plan's as-of time).
            """,
            examples: ["firebreak export json --team CORE --output plan.json"]))
    @OptionGroup var file: PlanFileOptions

    func run() async throws { try await file.export(.json) }
}

struct ExportHTMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Write one self-contained HTML page: the plan, charts and the ranked backlog.",
        discussion: Help.discussion(
            """
            No network, no JavaScript: inline SVG charts of the outage cost by weakness category (Pareto), the outage cost by month with the months of improvement sprints, the sprint calendar with improvement sprints and capacity used, and the outage cost the plan addresses sprint by sprint; then the plan, its warnings and the ranked backlog. Prints well.
            """,
            examples: ["firebreak export html --team CORE --output plan.html"]))
    @OptionGroup var file: PlanFileOptions

    func run() async throws { try await file.export(.html) }
}

struct ExportICSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "Write the plan's sprints as an iCalendar file: one all-day event per sprint.",
        discussion: Help.discussion(
            """
            Stable UIDs: importing a newer plan updates the same events.
            """,
            examples: ["firebreak export ics --team CORE --output plan.ics"]))
    @OptionGroup var file: PlanFileOptions

    func run() async throws { try await file.export(.ics) }
}

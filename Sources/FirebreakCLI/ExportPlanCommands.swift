import ArgumentParser
import FirebreakCore
import FirebreakStore
import Foundation

/// `--plan`, `--team`, `-o` and the database: what every plan export takes.
struct PlanFileOptions: ParsableArguments {
    @OptionGroup var choice: PlanChoice
    @Option(name: [.short, .customLong("output")], help: "Write to this file (default: stdout).") var output: String?
    @OptionGroup var global: GlobalOptions

    func export(_ write: @escaping @Sendable (String, Int?, Database, String?) async throws -> Void) async throws {
        let (choice, output) = (self.choice, self.output)
        try await global.withDatabase { db in
            try await write(try await choice.team.resolve(in: db), choice.number, db, output)
        }
    }
}

struct ExportMarkdownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Write the plan as a wiki page (Markdown).", )
    @OptionGroup var file: PlanFileOptions

    func run() async throws { try await file.export(PlanExports.markdown) }
}

struct ExportJSONCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json",
        abstract: "Write the plan and everything behind it as JSON, with stable keys.",
        discussion:
            "Keys: plan (as `firebreak plan --format json`), team, backlog (ranked as of the plan's as-of time).")
    @OptionGroup var file: PlanFileOptions

    func run() async throws { try await file.export(PlanExports.json) }
}

struct ExportHTMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Write one self-contained HTML page: the plan, charts and the ranked backlog.",
        discussion: """
            No network, no JavaScript: inline SVG charts of the outage cost by weakness category (Pareto),
            the sprint calendar with improvement sprints and capacity used, and the outage cost the plan
            addresses sprint by sprint; then the plan, its warnings and the ranked backlog. Prints well.
            """)
    @OptionGroup var file: PlanFileOptions

    func run() async throws { try await file.export(PlanExports.html) }
}

struct ExportICSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "Write the plan's sprints as an iCalendar file: one all-day event per sprint.",
        discussion: "Stable UIDs: importing a newer plan updates the same events.")
    @OptionGroup var file: PlanFileOptions

    func run() async throws { try await file.export(PlanExports.ics) }
}

/// The plan exports, shared by the commands and the demo.
enum PlanExports {
    @Sendable static func html(team key: String, plan number: Int?, db: Database, to output: String?) async throws {
        let plan = try await PlanStore(database: db).get(team: key, number: number)
        let snapshot = try await BacklogStore(database: db).snapshot(team: key)
        let categories = OutageCostReport.categories(
            snapshot.incidents, weights: snapshot.team.weights, asOf: plan.asOf)
        let backlog = try await BacklogStore(database: db).rank(team: key, asOf: plan.asOf)
        try await OutputSink.writing(to: output) { sink in
            var out = sink
            HTMLReport.write(
                title: "", plan: plan, team: snapshot.team, categories: categories, backlog: backlog, to: &out)
        }
    }

    @Sendable static func ics(team key: String, plan number: Int?, db: Database, to output: String?) async throws {
        let plan = try await PlanStore(database: db).get(team: key, number: number)
        try await OutputSink.writing(to: output) { sink in
            var out = sink
            ICalendarWriter.write(plan: plan, to: &out)
        }
    }

    @Sendable static func markdown(team key: String, plan number: Int?, db: Database, to output: String?) async throws {
        let plan = try await PlanStore(database: db).get(team: key, number: number)
        let team = try await TeamStore(database: db).get(key)
        try await OutputSink.writing(to: output) { sink in
            var out = sink
            MarkdownPlanWriter.write(plan, teamName: team.name, to: &out)
        }
    }

    @Sendable static func json(team key: String, plan number: Int?, db: Database, to output: String?) async throws {
        let plan = try await PlanStore(database: db).get(team: key, number: number)
        let team = try await TeamStore(database: db).get(key)
        let backlog = try await BacklogStore(database: db).rank(team: key, asOf: plan.asOf)
        try await OutputSink.writing(to: output) { sink in
            var out = sink
            try JSONExport.write(plan: plan, team: team, backlog: backlog, to: &out)
        }
    }
}

/// JSON written piece by piece: each element is encoded on its own, so the document is never
/// held whole in memory.
enum JSONExport {
    static func write(plan: Plan, team: Team, backlog: [RankedItem], to out: inout some TextOutputStream) throws {
        let encoder = PlanJSON.encoder
        func json(_ value: some Encodable) throws -> String {
            String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        out.write("{\"backlog\":[")
        for (i, item) in backlog.enumerated() {
            if i > 0 { out.write(",") }
            out.write("\n")
            out.write(try json(item))
        }
        out.write("\n],\"plan\":")
        out.write(try json(plan))
        out.write(",\"team\":")
        out.write(try json(team))
        out.write("}\n")
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakStore
import Foundation

struct ExportMarkdownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown", abstract: "Write the plan as a wiki page (Markdown).")
    @OptionGroup var choice: PlanChoice
    @Option(name: [.short, .customLong("output")], help: "Write to this file (default: stdout).") var output: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (choice, output) = (self.choice, self.output)
        try await global.withDatabase { db in
            try await PlanExports.markdown(
                team: try await choice.team.resolve(in: db), plan: choice.number, db: db, to: output)
        }
    }
}

struct ExportJSONCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json",
        abstract: "Write the plan and everything behind it as JSON, with stable keys.",
        discussion:
            "Keys: plan (as `firebreak plan --format json`), team, backlog (ranked as of the plan's as-of time).")
    @OptionGroup var choice: PlanChoice
    @Option(name: [.short, .customLong("output")], help: "Write to this file (default: stdout).") var output: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (choice, output) = (self.choice, self.output)
        try await global.withDatabase { db in
            try await PlanExports.json(
                team: try await choice.team.resolve(in: db), plan: choice.number, db: db, to: output)
        }
    }
}

/// The plan exports, shared by the commands and the demo.
enum PlanExports {
    static func markdown(team key: String, plan number: Int?, db: Database, to output: String?) async throws {
        let plan = try await PlanStore(database: db).get(team: key, number: number)
        let team = try await TeamStore(database: db).get(key)
        try await OutputSink.writing(to: output) { sink in
            var out = sink
            MarkdownPlanWriter.write(plan, teamName: team.name, to: &out)
        }
    }

    static func json(team key: String, plan number: Int?, db: Database, to output: String?) async throws {
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

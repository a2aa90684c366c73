import ArgumentParser
import FirebreakCore
import FirebreakStore

struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "List the gaps a manager must close: draft reports and the fields they miss.",
        discussion: "Exits 0 when there is nothing to fix and 1 otherwise, so it can gate a pipeline.")

    @Option(help: "Only this team.") var team: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let incidents = try await global.withDatabase { try await IncidentStore(database: $0).list(team: team) }
        let findings = LintRules.drafts(incidents)
        if findings.isEmpty, output.format == .table {
            print("No gaps: every report is complete.")
            return
        }
        try Output.print(findings, as: output.format) {
            Listing(columns: ["key", "code", "message"], rows: findings.map { [$0.key, $0.code, $0.message] })
        }
        if !findings.isEmpty { throw CLIFailure(code: 1, message: "") }
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "List the gaps a manager must close.",
        discussion: Help.discussion(
            """
            Checks: customer-detected incidents with no detect action (the minimum expectation is \
            an alert), incidents with no action, draft reports and the fields they miss, \
            unestimated actions, actions linked to no incident, actions past their due date. \
            Exits 0 when there is nothing to fix and 1 otherwise, so it can gate a pipeline.
            """,
            examples: ["firebreak lint --team CORE"]))

    @Option(help: "Only this team (default: the configured team, else every team).") var team: String?
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (at, team) = (asOf.date, try ConfiguredDefaults.value(.team, flag: self.team))
        let findings = try await global.withOperations { try await $0.lint(team: team, asOf: at) }
        if findings.isEmpty, output.format == .table {
            print("No gaps.")
            return
        }
        try Output.print(findings, as: output) {
            Listing(
                columns: ["team", "key", "code", "message"],
                rows: findings.map { [$0.team, $0.key, $0.code.rawValue, $0.message] })
        }
        if !findings.isEmpty { throw CLIFailure(code: 1, message: "") }
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakStore
import Foundation

struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "List the gaps a manager must close.",
        discussion: """
            Checks: customer-detected incidents with no detect action (the minimum expectation is
            an alert), incidents with no action, draft reports and the fields they miss,
            unestimated actions, actions linked to no incident, actions past their due date.
            Exits 0 when there is nothing to fix and 1 otherwise, so it can gate a pipeline.
            """)

    @Option(help: "Only this team (default: every team).") var team: String?
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    struct TeamFinding: Codable {
        var team: String
        var code: String
        var key: String
        var message: String
    }

    func run() async throws {
        let at = asOf.date
        let team = self.team
        let findings =
            if let api = APIClient.fromEnvironment() {
                try await Self.remote(api, team: team, at: at)
            } else {
                try await local(team: team, at: at)
            }
        if findings.isEmpty, output.format == .table {
            print("No gaps.")
            return
        }
        try Output.print(findings, as: output.format) {
            Listing(
                columns: ["team", "key", "code", "message"],
                rows: findings.map { [$0.team, $0.key, $0.code, $0.message] })
        }
        if !findings.isEmpty { throw CLIFailure(code: 1, message: "") }
    }

    static func remote(_ api: APIClient, team: String?, at: Date) async throws -> [TeamFinding] {
        var keys = team.map { [$0] } ?? []
        if team == nil { keys = try await api.get([Team].self, "/v1/teams").map(\.key) }
        var all: [TeamFinding] = []
        for key in keys {
            all += try await api.get(
                [TeamFinding].self, "/v1/teams/\(key)/lint", query: ["asOf": ISO8601Format.string(at)])
        }
        return all
    }

    func local(team: String?, at: Date) async throws -> [TeamFinding] {
        try await global.withDatabase { db in
            var keys = try await TeamStore(database: db).list().map(\.key)
            if let team { keys = [team] }
            var all: [TeamFinding] = []
            for key in keys {
                let snapshot = try await BacklogStore(database: db).snapshot(team: key)
                all += LintRules.all(incidents: snapshot.incidents, items: snapshot.items, asOf: at).map {
                    TeamFinding(team: key, code: $0.code, key: $0.key, message: $0.message)
                }
            }
            return all
        }
    }
}

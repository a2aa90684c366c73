import FirebreakTesting
import Foundation
import NIOHTTP1
import Testing

/// The CLI on the database and the CLI through `firebreak serve` (a manager's token) are one program:
/// every command of DESIGN §7 that the service runs prints the same and exits the same, and every
/// other one refuses in one line, naming itself, with exit 2, and never opens a local database.
@Suite("Parity: the CLI on the database and through the service", .serialized)
struct ParityTests {
    static let asOf = ["--as-of", "2026-11-28"]

    /// Run in this order on each side, each on its own copy of the same seeded data, writes included:
    /// their stdout and exit status must match.
    static let commands: [[String]] = [
        ["team", "list"], ["team", "list", "--format", "json"], ["team", "show", "CORE"],
        ["team", "show", "CORE", "--format", "json"], ["team", "show", "NOPE"],
        ["engineer", "list"], ["engineer", "list", "--team", "CORE", "--format", "csv"],
        ["incident", "list"], ["incident", "list", "--format", "json"], ["incident", "show", "INC-1"],
        ["incident", "show", "INC-1", "--format", "json"], ["incident", "show", "INC-404"],
        ["action", "list"], ["action", "list", "--status", "open", "--format", "json"], ["action", "show", "ACT-1"],
        ["action", "show", "ACT-2", "--format", "json"], ["action", "show", "ACT-9999"],
        ["backlog"] + asOf, ["backlog", "--limit", "3", "--format", "json"] + asOf,
        ["backlog", "--team", "CORE", "--format", "csv"] + asOf, ["backlog", "--team", "NOPE"] + asOf,
        ["backlog", "--explain", "--limit", "2"] + asOf, ["backlog", "--explain", "ACT-1", "--format", "json"] + asOf,
        ["lint"] + asOf, ["lint", "--team", "CORE", "--format", "json"] + asOf,
        ["plan", "show"], ["plan", "show", "1", "--format", "json"], ["plan", "show", "7"],
        ["sprints", "--from", "2026-11-28"], ["sprints", "--from", "2026-11-28", "--count", "3", "--format", "json"],
        ["plan", "--dry-run", "--sprints", "3", "--format", "json"] + asOf, ["plan", "--sprints", "53"],
        ["export", "jira-csv"], ["export", "markdown"], ["export", "ics"], ["export", "json"], ["export", "html"],
        ["export", "report", "INC-1"], ["action", "history", "ACT-9999"],
        ["report", "categories"] + asOf, ["report", "categories", "--format", "json", "--since", "2026-01-01"] + asOf,
        ["report", "incidents", "--format", "csv"] + asOf, ["report", "incidents", "--team", "NOPE"] + asOf,
        ["team", "list", "--all"], ["engineer", "list", "--all", "--format", "json"],
        // (Not `incident history` of an incident that exists: it names when and who imported it.)
        ["incident", "history", "INC-404"],
        // Writes, then what they changed.
        [
            "action", "add", "Alert on queue depth", "--team", "CORE", "--kind", "detect", "--estimate", "2",
            "--incident", "INC-1:0.5",
        ],
        ["action", "add", "No team", "--team", "NOPE"],
        ["action", "set", "ACT-1", "--estimate", "3", "--due", "2026-12-18"],
        ["action", "set", "ACT-9999", "--estimate", "1"],
        ["action", "link", "ACT-2", "INC-2", "--coverage", "0.5"], ["action", "unlink", "ACT-2", "INC-2"],
        ["action", "unlink", "ACT-2", "INC-404"],
        ["claim", "ACT-1", "--as", "amara"], ["claim", "ACT-1", "--as", "ben"], ["claim", "ACT-9999", "--as", "ben"],
        ["claim", "ACT-2", "--as", "nobody"], ["release", "ACT-1", "--as", "ben"], ["release", "ACT-1"],
        ["claim", "ACT-3", "--as", "ben"], ["done", "ACT-3", "--as", "ben"], ["done", "ACT-4"],
        // Imports: a report, a folder whose first file links an action its second creates (so the second
        // goes first), a Jira export, their dry runs, a file with an error on its line 3, and all at once.
        ["import", imports("report.md")], ["import", imports("folder"), "--dry-run"], ["import", imports("folder")],
        ["import", imports("jira.csv"), "--dry-run"], ["import", imports("jira.csv")], ["import", imports("bad.md")],
        ["import", imports("folder"), imports("bad.md"), imports("jira.csv"), "--team", "CORE", "--dry-run"],
        ["import", imports("folder"), imports("bad.md"), imports("jira.csv"), "--team", "CORE"],
        ["incident", "show", "OUT-903", "--format", "json"], ["action", "show", "ACT-902"],
        ["action", "list", "--format", "json"], ["backlog", "--explain", "ACT-1"] + asOf, ["lint"] + asOf,
        ["engineer", "add", "cleo", "--name", "Cleo", "--team", "CORE", "--capacity", "5"],
        ["engineer", "add", "cleo", "--name", "Cleo", "--team", "CORE"],
        ["engineer", "add", "dara", "--name", "Dara", "--team", "NOPE"],
        ["engineer", "time-off", "cleo", "2026-12-01", "2026-12-02"],
        ["engineer", "time-off", "nobody", "2026-12-01", "2026-12-02"],
        ["engineer", "list", "--format", "json"],
        // Team and engineer lifecycle, and incidents filled in.
        ["team", "create", "OPS", "--name", "Ops", "--sprint-length", "7", "--wip-limit", "3"],
        ["team", "create", "OPS", "--name", "Ops again"],
        [
            "team", "set", "OPS", "--ticket-weight", "3", "--budget", "500", "--budget-days", "30",
            "--severity-alias", "Critical=SEV1",
        ],
        ["team", "show", "OPS", "--format", "json"], ["team", "set", "OPS", "--no-budget", "--half-life", "90"],
        ["team", "set", "OPS", "--severity-alias", "Major="], ["team", "set", "NOPE", "--wip-limit", "3"],
        ["team", "show", "OPS", "--format", "json"],
        ["engineer", "set", "cleo", "--capacity", "6", "--email", "cleo@example.com"],
        ["engineer", "set", "cleo", "--capacity", "6"], ["engineer", "set", "cleo", "--team", "OPS"],
        ["engineer", "set", "cleo", "--team", "NOPE"], ["engineer", "set", "nobody", "--capacity", "6"],
        ["incident", "set", "INC-1", "--tickets", "3", "--severity", "SEV2", "--outage-time", "01:30"],
        ["incident", "set", "INC-1", "--tickets", "3"], ["incident", "set", "INC-1", "--severity", "Critical"],
        ["incident", "set", "INC-1", "--severity", "Blocker"],
        ["incident", "set", "INC-1", "--clear", "tickets"], ["incident", "set", "INC-404", "--tickets", "3"],
        ["incident", "show", "INC-1", "--format", "json"],
        ["team", "archive", "OPS"], ["team", "archive", "OPS"], ["team", "list"],
        ["team", "list", "--all", "--format", "json"], ["team", "unarchive", "OPS"], ["team", "unarchive", "OPS"],
        ["team", "delete", "CORE", "--yes"], ["team", "delete", "NOPE", "--yes"],
        ["engineer", "set", "cleo", "--team", "CORE"], ["team", "delete", "OPS", "--yes"], ["team", "list", "--all"],
        // (Not `plan list` or `action history`: they name when and who wrote, the OS user or the token.)
        ["plan", "--sprints", "4"] + asOf, ["plan", "generate"] + asOf,
        ["plan", "diff", "1", "2"], ["plan", "diff", "1", "9"],
        // JSON after the writes: every number must survive the trip through the service's JSON.
        ["backlog", "--format", "json"] + asOf, ["plan", "--dry-run", "--format", "json"] + asOf,
        ["plan", "diff", "1", "2", "--format", "json"], ["backlog", "--unclaimed"] + asOf,
        ["backlog", "--mine", "--as", "ben"] + asOf, ["next", "--as", "amara"] + asOf,
        ["report", "trend", "--format", "json"] + asOf,
        ["engineer", "deactivate", "amara"], ["engineer", "deactivate", "amara"],
        ["engineer", "deactivate", "nobody"], ["engineer", "list", "--all"], ["engineer", "list"],
        ["next", "--as", "amara"] + asOf,
    ]

    /// A file or folder of `Tests/Fixtures/parity-import/`.
    static func imports(_ name: String) -> String {
        Fixtures.data.appendingPathComponent("parity-import").appendingPathComponent(name).path
    }

    /// What every command that needs a database says through the service.
    static func refusal(_ command: String) -> String {
        "firebreak: \(command) runs against a database; unset FIREBREAK_SERVER to use the local one\n"
    }

    /// The commands the service does not run (as a user names them), each with arguments to run it.
    static let refused: [(command: String, arguments: [String])] = [
        ("demo", []), ("db migrate", []), ("db status", []), ("db stop", []), ("serve", []),
        ("token create", ["--name", "ops", "--role", "viewer"]), ("token list", []), ("token revoke", ["ops"]),
    ]

    @Test func everyCommandPrintsTheSameOnTheDatabaseAndThroughTheService() async throws {
        try await SeededService.withSeeded { local, _ in
            try await SeededService.withSeeded { served, tokens in
                let server = try ServerProcess(environment: ["DATABASE_URL": served.url])
                defer { server.stop() }
                let onDatabase = CLIRunner(databaseURL: local.url)
                var throughService = CLIRunner(databaseURL: "postgresql://nobody@127.0.0.1:1/none")
                throughService.environment = ["FIREBREAK_SERVER": server.url, "FIREBREAK_TOKEN": tokens.manager]
                for arguments in Self.commands {
                    let (a, b) = (try onDatabase.run(arguments), try throughService.run(arguments))
                    #expect(a.status == b.status, "\(arguments): \(a.status) \(a.stderr) vs \(b.status) \(b.stderr)")
                    #expect(a.stdout == b.stdout, "\(arguments) prints differently through the service")
                    #expect(a.stderr == b.stderr, "\(arguments) says differently through the service")
                }
            }
        }
    }

    /// Nobody listens at the address: a refusal must come before any connection, and before any database.
    @Test func theCommandsTheServiceDoesNotRunRefuse() throws {
        for (command, arguments) in Self.refused {
            try Self.expectRefusal(command, arguments)
        }
    }

    static func expectRefusal(_ command: String, _ rest: [String]) throws {
        let arguments = command.split(separator: " ").map(String.init) + rest
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("fb-parity-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        var cli = CLIRunner(databaseURL: "")
        cli.environment = [
            "FIREBREAK_SERVER": "http://127.0.0.1:1", "FIREBREAK_TOKEN": "fbk_any", "FIREBREAK_HOME": home.path,
        ]
        let answer = try cli.run(arguments)
        #expect(answer.status == 2, "\(arguments): \(answer.stderr)")
        #expect(answer.stderr == Self.refusal(command), "\(arguments)")
        #expect(answer.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: home.path), "\(arguments) made a local cluster")
    }

    /// An address nobody listens at is one line naming it, exit 1.
    @Test func anUnreachableServiceIsOneLineNamingIt() throws {
        var cli = CLIRunner(databaseURL: "")
        cli.environment = ["FIREBREAK_SERVER": "http://127.0.0.1:1", "FIREBREAK_TOKEN": "fbk_any"]
        for arguments in [["backlog"], ["action", "list"], ["claim", "ACT-1"]] {
            let answer = try cli.run(arguments)
            #expect(answer.status == 1, "\(arguments)")
            #expect(
                answer.stderr
                    == "firebreak: cannot reach the Firebreak server at http://127.0.0.1:1 (connection refused)\n",
                "\(arguments): \(answer.stderr)")
        }
    }

    /// An import holds its reports in one request, and a Jira export in one: over the service's body
    /// limit, each says so in one line, naming the reports' count or the file.
    @Test func anImportOverTheServicesBodyLimitSaysSoInOneLine() async throws {
        try await SeededService.withSeeded { served, tokens in
            let server = try ServerProcess(
                environment: ["DATABASE_URL": served.url], arguments: ["--max-body", "1024"])
            defer { server.stop() }
            var cli = CLIRunner(databaseURL: "")
            cli.environment = ["FIREBREAK_SERVER": server.url, "FIREBREAK_TOKEN": tokens.manager]
            let reports = try cli.run(["import", Fixtures.demoReports.path, "--dry-run"])
            #expect(reports.status == 1 && reports.stdout.isEmpty)
            #expect(
                reports.stderr
                    == "firebreak: 25 reports are more than the service takes in one request "
                    + "(the body is over 1024 bytes); import them a folder at a time\n")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fb-limit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let csv = folder.appendingPathComponent("large.csv")
            let rows = (1...80).map { "Item \($0),OPS-\($0),Task,To Do\n" }.joined()
            try Data(("Summary,Issue key,Issue Type,Status\n" + rows).utf8).write(to: csv)
            let jira = try cli.run(["import", csv.path])
            #expect(jira.status == 1)
            #expect(
                jira.stderr
                    == "\(csv.path):1: the file is more than the service takes in one request "
                    + "(the body is over 1024 bytes)\n")
        }
    }

    /// `GET /v1/me` names the token's engineer and team; claim and backlog default to them.
    @Test func theTokenGivesTheEngineerAndTheTeam() async throws {
        try await SeededService.withSeeded { served, tokens in
            let server = try ServerProcess(environment: ["DATABASE_URL": served.url])
            defer { server.stop() }
            var amara = CLIRunner(databaseURL: "")
            amara.environment = ["FIREBREAK_SERVER": server.url, "FIREBREAK_TOKEN": tokens.amara]
            let me = try await HTTP.send(.GET, "\(server.url)/v1/me", token: tokens.amara)
            #expect(me.status == 200)
            #expect(
                me.body == #"{"actor":"api:amara","engineer":"amara","name":"amara","role":"engineer","team":"CORE"}"#)
            #expect(try amara.run(["claim", "ACT-1"]).stdout == "amara claimed ACT-1.\n")
            let other = try amara.run(["claim", "ACT-2", "--as", "ben"])
            #expect(other.status == 1 && other.stderr == "firebreak: an engineer token claims as amara only\n")
            #expect(try amara.run(["backlog"] + Self.asOf).status == 0)
            #expect(try amara.run(["release", "ACT-1"]).stdout == "Released ACT-1.\n")
        }
    }
}

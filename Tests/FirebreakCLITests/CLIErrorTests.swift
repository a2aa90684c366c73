import FirebreakStore
import FirebreakTesting
import Foundation
import Testing

/// Errors as a user meets them: one line on stderr, the exit status of DESIGN.md section 7 (2 for
/// every usage error, whichever check found it), and never the database's words.
@Suite("Command line: errors")
struct CLIErrorTests {
    struct Usage: Sendable, CustomStringConvertible {
        var arguments: [String]
        var stderr: String
        var description: String { arguments.joined(separator: " ") }
    }

    /// Usage errors, found before any database is opened: the runner's URL names none that answers.
    static let usage: [Usage] = [
        Usage(
            arguments: ["backlog", "--limit", "-1"],
            stderr: "firebreak: error: --limit must be 1 or more, got -1 (see firebreak backlog --help)"),
        Usage(
            arguments: ["backlog", "--limit", "0"],
            stderr: "firebreak: error: --limit must be 1 or more, got 0 (see firebreak backlog --help)"),
        Usage(
            arguments: ["backlog", "--limit"],
            stderr: "firebreak: error: Missing value for '--limit <limit>' (see firebreak backlog --help)"),
        Usage(
            arguments: ["backlog", "--bogus"],
            stderr: "firebreak: error: Unknown option '--bogus' (see firebreak backlog --help)"),
        Usage(
            arguments: ["sprints", "--count", "-3"],
            stderr: "firebreak: error: --count must be 1 to 52, got -3 (see firebreak sprints --help)"),
        Usage(
            arguments: ["plan", "--sprints", "53"],
            stderr: "firebreak: error: --sprints must be 1 to 52, got 53 (see firebreak plan --help)"),
        Usage(
            arguments: ["plan", "show", "9999999999"],
            stderr:
                "firebreak: error: plan must be a number from 1 to 999999999 or 'latest', got 9999999999 "
                + "(see firebreak plan show --help)"),
        Usage(
            arguments: ["team", "create", "CORE", "--name", "Core", "--wip-limit", "2147483648"],
            stderr:
                "firebreak: error: --wip-limit must be 1 to 2147483647, got 2147483648 (see firebreak team create --help)"
        ),
        Usage(
            arguments: ["team", "set", "CORE", "--every", "-1"],
            stderr:
                "firebreak: error: --every: every must be 0 (off) to 2147483647, got -1 (see firebreak team set --help)"
        ),
        Usage(
            arguments: ["team", "set", "CORE", "--name", String(repeating: "n", count: 201)],
            stderr: "firebreak: error: --name: team name must be 1 to 200 characters (see firebreak team set --help)"),
        Usage(
            arguments: ["action", "list", "--format", "yaml"],
            stderr:
                "firebreak: error: The value 'yaml' is invalid for '--format <format>'. Please provide one of 'table', "
                + "'json' or 'csv'. (see firebreak action list --help)"),
        Usage(
            arguments: ["action", "add", String(repeating: "t", count: 501), "--team", "CORE"],
            stderr: "firebreak: error: title is longer than 500 characters (see firebreak action add --help)"),
        Usage(
            arguments: ["action", "link", "ACT-1", "INC-1", "--coverage", "-0.5"],
            stderr: "firebreak: error: --coverage must be 0.001 to 1, got -0.5 (see firebreak action link --help)"),
        // A bad handle and a bad email are the same kind of error, and exit alike.
        Usage(
            arguments: ["engineer", "add", "Zed", "--name", "Z", "--team", "CORE"],
            stderr:
                "firebreak: error: handle \"Zed\" must be lower-case letters, digits, '.', '-' or '_' (at most 39) "
                + "(see firebreak engineer add --help)"),
        Usage(
            arguments: ["engineer", "add", "zed", "--name", "Z", "--team", "CORE", "--email", "z@x@y"],
            stderr:
                "firebreak: error: --email: email \"z@x@y\" is not an email address (NAME@DOMAIN, without spaces) "
                + "(see firebreak engineer add --help)"),
        Usage(
            arguments: ["engineer", "add", "zed", "--name", "Z", "--team", "CORE", "--capacity", "-1"],
            stderr:
                "firebreak: error: --capacity must be 0 to 1000 story points, got -1 (see firebreak engineer add --help)"
        ),
        Usage(
            arguments: ["token", "create", "--name", "", "--role", "viewer"],
            stderr:
                "firebreak: error: --name: token name must be 1 to 100 characters (see firebreak token create --help)"
        ),
        Usage(
            arguments: ["serve", "--port", "-1"],
            stderr: "firebreak: error: --port must be 0 to 65535 (see firebreak serve --help)"),
        // Command groups without a subcommand printed their help and exited 0.
        Usage(
            arguments: ["db"],
            stderr:
                "firebreak: error: firebreak db needs a subcommand: migrate, status or stop (see firebreak db --help)"),
        Usage(
            arguments: ["action"],
            stderr:
                "firebreak: error: firebreak action needs a subcommand: add, list, show, link, unlink, set or history "
                + "(see firebreak action --help)"),
        Usage(
            arguments: ["token"],
            stderr:
                "firebreak: error: firebreak token needs a subcommand: create, list, revoke or login "
                + "(see firebreak token --help)"),
        Usage(
            arguments: ["engineer", "time-off"],
            stderr: "firebreak: error: Missing expected argument '<handle>' (see firebreak engineer time-off --help)"),
        Usage(
            arguments: ["nosuch"], stderr: "firebreak: error: Unexpected argument 'nosuch' (see firebreak --help)"),
    ]

    static let nowhere = CLIRunner(databaseURL: "postgresql://nobody@127.0.0.1:1/none")

    @Test(arguments: usage)
    func usageErrorsAreOneLineAndExitTwo(_ usage: Usage) throws {
        let result = try Self.nowhere.run(usage.arguments)
        #expect(result.status == 2)
        #expect(result.stderr == usage.stderr + "\n")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: ["db", "team", "engineer", "incident", "export", "report"])
    func everyCommandGroupNeedsASubcommand(_ group: String) throws {
        let result = try Self.nowhere.run([group])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("firebreak: error: firebreak \(group) needs a subcommand: "))
        #expect(result.stderr.hasSuffix(" (see firebreak \(group) --help)\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let help = try Self.nowhere.run([group, "--help"])
        #expect(help.status == 0 && help.stdout.contains("SUBCOMMANDS"))
    }

    /// What the database refuses reaches the user in Firebreak's words, on one line.
    @Test func refusalsOfTheDatabaseAreOneLineInOurWords() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            #expect(try cli.run(["action", "add", "One", "--team", "CORE", "--jira", "OPS-12"]).stdout == "ACT-1\n")
            #expect(try cli.run(["action", "add", "Two", "--team", "CORE"]).stdout == "ACT-2\n")
            let taken = try cli.run(["action", "set", "ACT-2", "--jira", "OPS-12"])
            #expect(taken.status == 3)
            #expect(taken.stderr == "firebreak: Jira key OPS-12 is already on ACT-1\n")
            #expect(try cli.run(["token", "create", "--name", "laptop", "--role", "viewer"]).status == 0)
            let again = try cli.run(["token", "create", "--name", "laptop", "--role", "viewer"])
            #expect(again.status == 3)
            #expect(
                again.stderr
                    == "firebreak: a token named laptop already exists (a revoked token keeps its name); "
                    + "choose another name\n")
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fb-nul-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("nul.md")
            try Data("# Queue\u{0}stalled\n\n- **Team:** CORE\n".utf8).write(to: file)
            let imported = try cli.run(["import", file.path])
            #expect(imported.status == 1)
            let errors = imported.stderr.split(separator: "\n")
            #expect(errors.count == 1, "\(imported.stderr)")
            #expect(imported.stderr.contains("NUL"), "\(imported.stderr)")
            for words in ["22021", "database error", "invalid byte sequence", "SQLSTATE", "0x00"] {
                #expect(!imported.stderr.contains(words), "\(imported.stderr)")
            }
        }
    }

    /// The CLI's user is the actor; `--as` names the engineer acted for.
    @Test func historyNamesTheLocalUserAndTheEngineer() async throws {
        try await TestDatabase.withFresh { fresh in
            var cli = CLIRunner(databaseURL: fresh.url)
            cli.environment["FIREBREAK_ACTOR"] = "jo"
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            #expect(try cli.run(["engineer", "add", "ben", "--name", "Ben", "--team", "CORE"]).status == 0)
            #expect(try cli.run(["action", "add", "One", "--team", "CORE"]).status == 0)
            #expect(try cli.run(["claim", "ACT-1", "--as", "ben"]).status == 0)
            #expect(try cli.run(["release", "ACT-1"]).status == 0)
            let history = try cli.run(["action", "history", "ACT-1", "--format", "json"])
            let entries = try #require(
                try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
            #expect(
                entries.map { [$0["actor"] as? String, $0["onBehalfOf"] as? String, $0["verb"] as? String] } == [
                    ["jo", nil, "action.add"], ["jo", "ben", "claim"], ["jo", "ben", "release"],
                ])
            let table = try cli.run(["action", "history", "ACT-1", "--format", "csv"])
            #expect(table.stdout.split(separator: "\r\n").first == "at,actor,what,for,details")
            #expect(table.stdout.contains(",jo,claim,ben,"))
        }
    }
}

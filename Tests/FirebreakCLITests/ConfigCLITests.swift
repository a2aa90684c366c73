import FirebreakTesting
import Foundation
import Testing

/// `firebreak config` and the defaults it keeps (#15): a flag wins over the environment, which wins
/// over the file in `$FIREBREAK_HOME`.
@Suite("Command line: config defaults")
struct ConfigCLITests {
    /// The CLI on `url` with a `$FIREBREAK_HOME` of its own and neither default in the environment.
    static func cli(_ url: String, home: URL) -> CLIRunner {
        var cli = CLIRunner(databaseURL: url)
        cli.environment = ["FIREBREAK_HOME": home.path, "FIREBREAK_TEAM": "", "FIREBREAK_ENGINEER": ""]
        return cli
    }

    static func home() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("fb-config-\(UUID().uuidString)")
    }

    /// The team a `sprints` run used, from its first sprint's name (`OPS Sprint 24`).
    static func team(of result: CLIRunner.Result) -> String? {
        result.stdout.split(separator: "\t").dropFirst().first?.split(separator: " ").first.map(String.init)
    }

    @Test func theTeamComesFromTheFlagThenTheEnvironmentThenTheFile() async throws {
        try await TestDatabase.withFresh { fresh in
            let home = Self.home()
            defer { try? FileManager.default.removeItem(at: home) }
            var cli = Self.cli(fresh.url, home: home)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            #expect(try cli.run(["team", "create", "OPS", "--name", "Ops"]).status == 0)
            let sprint = ["sprints", "--from", "2026-11-28", "--count", "1"]

            let none = try cli.run(sprint)
            #expect(none.status == 1)
            #expect(
                none.stderr
                    == "firebreak: several teams (CORE, OPS): pass --team KEY, or set a default with "
                    + "`firebreak config set team KEY`\n")

            let set = try cli.run(["config", "set", "team", "OPS"])
            #expect(set.status == 0, "\(set.stderr)")
            #expect(set.stdout == "Set team to OPS in \(home.path)/config.\n")
            #expect(
                try String(contentsOf: home.appendingPathComponent("config"), encoding: .utf8).contains("team = OPS\n"))
            #expect(Self.team(of: try cli.run(sprint)) == "OPS")
            #expect(try cli.run(["config", "get", "team"]).stdout == "OPS\n")

            cli.environment["FIREBREAK_TEAM"] = "CORE"
            #expect(Self.team(of: try cli.run(sprint)) == "CORE")
            #expect(try cli.run(["config", "get", "team"]).stdout == "CORE\n")
            #expect(try cli.run(["config", "list"]).stdout == "team\tCORE\tFIREBREAK_TEAM\n")

            #expect(Self.team(of: try cli.run(sprint + ["--team", "OPS"])) == "OPS")

            cli.environment["FIREBREAK_TEAM"] = ""
            #expect(try cli.run(["config", "list"]).stdout == "team\tOPS\t\(home.path)/config\n")
            #expect(try cli.run(["config", "unset", "team"]).stdout == "Unset team in \(home.path)/config.\n")
            let unset = try cli.run(["config", "get", "team"])
            #expect(unset.status == 1)
            #expect(unset.stderr == "firebreak: team is not set; set it with `firebreak config set team VALUE`\n")
            #expect(try cli.run(sprint).status == 1)
        }
    }

    @Test func claimsActAsTheConfiguredEngineerUnlessTheEnvironmentOrAsSaysOtherwise() async throws {
        try await TestDatabase.withFresh { fresh in
            let home = Self.home()
            defer { try? FileManager.default.removeItem(at: home) }
            var cli = Self.cli(fresh.url, home: home)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            #expect(try cli.run(["config", "set", "team", "CORE"]).status == 0)
            for handle in ["amara", "ben", "chloe"] {
                // engineer add and action add take the configured team: no --team.
                let added = try cli.run(["engineer", "add", handle, "--name", handle.capitalized])
                #expect(added.stdout == "Added \(handle) to CORE (8 points per sprint).\n", "\(added.stderr)")
            }
            for n in 1...3 {
                #expect(try cli.run(["action", "add", "Item \(n)", "--estimate", "1"]).stdout == "ACT-\(n)\n")
            }

            #expect(try cli.run(["config", "set", "engineer", "amara"]).status == 0)
            #expect(try cli.run(["claim", "ACT-1"]).stdout == "amara claimed ACT-1.\n")
            cli.environment["FIREBREAK_ENGINEER"] = "ben"
            #expect(try cli.run(["claim", "ACT-2"]).stdout == "ben claimed ACT-2.\n")
            #expect(try cli.run(["claim", "ACT-3", "--as", "chloe"]).stdout == "chloe claimed ACT-3.\n")
            let list = try cli.run(["action", "list", "--format", "json"])
            let items = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
            #expect(items?.map { $0["claimedBy"] as? String } == ["amara", "ben", "chloe"])
        }
    }

    @Test func aBadConfigFileIsAnErrorNamingTheFileAndLine() async throws {
        try await TestDatabase.withFresh { fresh in
            let home = Self.home()
            defer { try? FileManager.default.removeItem(at: home) }
            let cli = Self.cli(fresh.url, home: home)
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            let file = home.appendingPathComponent("config")
            try "# mine\nteam = CORE\ncolour = blue\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try cli.run(["backlog"])
            #expect(result.status == 1)
            #expect(
                result.stderr == "firebreak: \(file.path):3: unknown key \"colour\"; the keys are team, engineer\n")

            let bad = try cli.run(["config", "set", "team", "core"])
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("firebreak: error: team \"core\" is not a team key"))
            let unknown = try cli.run(["config", "set", "colour", "blue"])
            #expect(unknown.status == 2)
            #expect(unknown.stderr.hasPrefix("firebreak: error: unknown key \"colour\"; the keys are team, engineer"))
        }
    }

    @Test func anItemsKeyFixesTheTeamOfItsExplanation() async throws {
        try await TestDatabase.withFresh { fresh in
            let home = Self.home()
            defer { try? FileManager.default.removeItem(at: home) }
            let cli = Self.cli(fresh.url, home: home)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            #expect(try cli.run(["team", "create", "OPS", "--name", "Ops"]).status == 0)
            #expect(try cli.run(["action", "add", "Item", "--team", "OPS", "--estimate", "1"]).stdout == "ACT-1\n")
            let explained = try cli.run(["backlog", "--explain", "ACT-1", "--format", "json", "--as-of", "2026-11-28"])
            #expect(explained.status == 0, "\(explained.stderr)")
        }
    }
}

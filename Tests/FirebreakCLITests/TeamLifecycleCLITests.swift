import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

/// Teams archived and deleted, engineers changed and deactivated, the demo removed (#15): each as a
/// user runs it, with its audit entries.
@Suite("Command line: team and engineer lifecycle")
struct TeamLifecycleCLITests {
    static func audited(_ verb: String, _ subject: String, in db: Database) async throws -> Int {
        try await Fixtures.count(
            "SELECT count(*)::int FROM audit_entries WHERE verb = \(verb) AND subject = \(subject)", in: db)
    }

    @Test func anArchivedTeamLeavesTheListingsAndComesBack() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            #expect(try cli.run(["team", "create", "OPS", "--name", "Ops"]).status == 0)

            let archived = try cli.run(["team", "archive", "OPS"])
            #expect(archived.stdout == "Archived team OPS; `firebreak team unarchive OPS` brings it back.\n")
            #expect(try await Self.audited("team.archive", "OPS", in: fresh.database) == 1)
            #expect(try cli.run(["team", "list"]).stdout.hasPrefix("CORE\t"))
            #expect(!(try cli.run(["team", "list"]).stdout.contains("OPS")))
            let all = try cli.run(["team", "list", "--all", "--format", "json"])
            let teams = try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]]
            #expect(teams?.map { $0["key"] as? String } == ["CORE", "OPS"])
            #expect(teams?.map { $0["archived"] as? Bool } == [false, true])
            #expect(try cli.run(["team", "list", "--all"]).stdout.contains("OPS\tOps\tarchived\t"))
            // Kept and still named: its settings show, and with one team left it is no default.
            #expect(try cli.run(["team", "show", "OPS"]).status == 0)
            #expect(
                try cli.run(["sprints", "--from", "2026-11-28", "--count", "1"]).stdout.contains("CORE Sprint"))

            let again = try cli.run(["team", "archive", "OPS"])
            #expect(again.status == 3)
            #expect(again.stderr == "firebreak: team OPS is already archived\n")
            #expect(try cli.run(["team", "archive", "NOPE"]).status == 4)

            #expect(try cli.run(["team", "unarchive", "OPS"]).stdout == "Team OPS is listed again.\n")
            #expect(try await Self.audited("team.unarchive", "OPS", in: fresh.database) == 1)
            #expect(try cli.run(["team", "list"]).stdout.contains("OPS"))
        }
    }

    @Test func aTeamWithIncidentsIsNotDeletedAndOneWithoutIs() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            #expect(try cli.run(["team", "create", "OPS", "--name", "Ops"]).status == 0)
            try await fresh.database.client.query(
                """
                INSERT INTO incidents (key, title, status, team_id)
                SELECT 'INC-' || n, 'Outage ' || n, 'draft', id FROM teams, generate_series(1, 2) n WHERE key = 'CORE'
                """)
            let unconfirmed = try cli.run(["team", "delete", "OPS"])
            #expect(unconfirmed.status == 2)
            #expect(unconfirmed.stderr.hasPrefix("firebreak: error: deleting team OPS cannot be undone; add --yes"))

            let refused = try cli.run(["team", "delete", "CORE", "--yes"])
            #expect(refused.status == 3)
            #expect(
                refused.stderr
                    == "firebreak: team CORE has 2 incidents and cannot be deleted; archive it instead: "
                    + "firebreak team archive CORE\n")
            #expect(try await Fixtures.count("SELECT count(*)::int FROM incidents", in: fresh.database) == 2)
            #expect(try await Self.audited("team.delete", "CORE", in: fresh.database) == 0)

            #expect(try cli.run(["engineer", "add", "eli", "--name", "Eli", "--team", "OPS"]).status == 0)
            #expect(try cli.run(["action", "add", "Item", "--team", "OPS", "--estimate", "1"]).stdout == "ACT-1\n")
            #expect(try cli.run(["claim", "ACT-1", "--as", "eli"]).status == 0)
            #expect(try cli.run(["plan", "--team", "OPS", "--as-of", "2026-11-28"]).status == 0)
            let deleted = try cli.run(["team", "delete", "OPS", "--yes"])
            #expect(deleted.status == 0, "\(deleted.stderr)")
            #expect(deleted.stdout == "Deleted team OPS: 0 incidents, 1 action, 1 engineer, 1 plan.\n")
            #expect(try await Self.audited("team.delete", "OPS", in: fresh.database) == 1)
            // The team's history stays: its creation and the claim are still there.
            #expect(try await Self.audited("team.create", "OPS", in: fresh.database) == 1)
            #expect(try await Self.audited("claim", "ACT-1", in: fresh.database) == 1)
            #expect(try cli.run(["team", "list", "--all"]).stdout.hasPrefix("CORE\t"))
            #expect(try cli.run(["team", "show", "OPS"]).status == 4)
        }
    }

    @Test func anEngineerIsChangedAndErrorsNameTheTeamFound() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            #expect(try cli.run(["team", "create", "OPS", "--name", "Ops"]).status == 0)
            #expect(try cli.run(["engineer", "add", "eli", "--name", "Eli", "--team", "CORE"]).status == 0)
            let twice = try cli.run(["engineer", "add", "eli", "--name", "Eli", "--team", "OPS"])
            #expect(twice.status == 3)
            #expect(twice.stderr == "firebreak: engineer eli already exists in CORE\n")

            let set = try cli.run(["engineer", "set", "eli", "--capacity", "6", "--email", "eli@example.com"])
            #expect(set.status == 0, "\(set.stderr)")
            #expect(set.stdout == "Updated eli of CORE: capacity 8 -> 6; email none -> eli@example.com.\n")
            #expect(try await Self.audited("engineer.set", "eli", in: fresh.database) == 1)
            #expect(try cli.run(["engineer", "set", "eli", "--capacity", "6"]).stdout.hasPrefix("No change to eli"))
            #expect(try await Self.audited("engineer.set", "eli", in: fresh.database) == 1)

            #expect(try cli.run(["action", "add", "Item", "--team", "CORE", "--estimate", "1"]).stdout == "ACT-1\n")
            #expect(try cli.run(["claim", "ACT-1", "--as", "eli"]).status == 0)
            let move = try cli.run(["engineer", "set", "eli", "--team", "OPS"])
            #expect(move.status == 3)
            #expect(
                move.stderr == "firebreak: eli holds claims in CORE (ACT-1); release them before moving eli to OPS\n")
            #expect(try cli.run(["release", "ACT-1"]).status == 0)
            #expect(
                try cli.run(["engineer", "set", "eli", "--team", "OPS"]).stdout
                    == "Updated eli of OPS: team CORE -> OPS.\n")
            #expect(
                try cli.run(["engineer", "list", "--team", "OPS"]).stdout.hasPrefix("eli\tEli\teli@example.com\tOPS\t6")
            )

            #expect(try cli.run(["engineer", "set", "eli"]).status == 2)
            #expect(try cli.run(["engineer", "set", "eli", "--email", "nope"]).status == 2)
            let missing = try cli.run(["engineer", "set", "nobody", "--capacity", "1"])
            #expect(missing.status == 4)
            #expect(missing.stderr == "firebreak: no engineer nobody\n")
        }
    }

    @Test func deactivatingAnEngineerReleasesTheirClaimsAndTheirCapacity() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            for handle in ["amara", "eli"] {
                #expect(try cli.run(["engineer", "add", handle, "--name", handle, "--team", "CORE"]).status == 0)
            }
            for n in 1...2 {
                #expect(try cli.run(["action", "add", "Item \(n)", "--team", "CORE", "--estimate", "1"]).status == 0)
                #expect(try cli.run(["claim", "ACT-\(n)", "--as", "eli"]).status == 0)
            }
            let sprint = ["sprints", "--from", "2026-11-02", "--count", "1", "--format", "json"]
            func capacity() throws -> Double? {
                let json = try JSONSerialization.jsonObject(with: Data(try cli.run(sprint).stdout.utf8))
                return (json as? [[String: Any]])?.first?["capacity"] as? Double
            }
            let before = try #require(try capacity())
            #expect(before > 0)

            let done = try cli.run(["engineer", "deactivate", "eli"])
            #expect(done.status == 0, "\(done.stderr)")
            #expect(done.stdout == "Deactivated eli of CORE; released ACT-1, ACT-2.\n")
            #expect(
                try await Fixtures.count(
                    "SELECT count(*)::int FROM actions WHERE status = 'open' AND claimed_by IS NULL", in: fresh.database
                )
                    == 2)
            for key in ["ACT-1", "ACT-2"] {
                #expect(
                    try await Fixtures.count(
                        """
                        SELECT count(*)::int FROM audit_entries WHERE verb = 'release' AND subject = \(key)
                            AND on_behalf_of = 'eli' AND details->>'reason' = 'deactivated'
                        """, in: fresh.database) == 1)
            }
            #expect(try await Self.audited("engineer.deactivate", "eli", in: fresh.database) == 1)
            #expect(try cli.run(["engineer", "list"]).stdout == "amara\tamara\t\tCORE\t8\n")
            #expect(
                try cli.run(["engineer", "list", "--all"]).stdout
                    == "amara\tamara\t\tCORE\t8\tactive\neli\teli\t\tCORE\t8\tdeactivated\n")
            let json = try cli.run(["engineer", "list", "--all", "--format", "json"])
            let listed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            #expect(listed?.map { $0["active"] as? Bool } == [true, false])
            #expect(try capacity() == before / 2, "eli's half of the team's capacity is gone")

            let claim = try cli.run(["claim", "ACT-1", "--as", "eli"])
            #expect(claim.status == 1)
            #expect(
                claim.stderr
                    == "firebreak: the engineer is deactivated and claims nothing; claim as an active engineer\n")
            let again = try cli.run(["engineer", "deactivate", "eli"])
            #expect(again.status == 3)
            #expect(again.stderr == "firebreak: engineer eli of CORE is already deactivated\n")
            let taken = try cli.run(["engineer", "add", "eli", "--name", "Eli", "--team", "CORE"])
            #expect(taken.stderr == "firebreak: engineer eli already exists in CORE (deactivated)\n")
        }
    }

    @Test func theDemoSaysHowToRemoveItAndThatRemovesIt() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            let demo = try cli.run(["demo"])
            #expect(demo.status == 0, "\(demo.stderr)")
            let remove = "firebreak team delete CORE --yes"
            #expect(demo.stdout.hasSuffix("Remove the demo (its team, reports, actions and plans): \(remove)\n"))
            #expect(try cli.run(["team", "list", "--all"]).stdout.contains("CORE\tSalon Platform\tactive, demo\t"))

            let deleted = try cli.run(["team", "delete", "CORE", "--yes"])
            #expect(deleted.status == 0, "\(deleted.stderr)")
            #expect(deleted.stdout == "Deleted team CORE: 25 incidents, 49 actions, 5 engineers, 1 plan.\n")
            for table in ["teams", "incidents", "actions", "engineers", "plans", "action_incidents", "time_off"] {
                #expect(
                    try await Fixtures.count(
                        PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"), in: fresh.database) == 0,
                    "\(table)")
            }
            #expect(try await Self.audited("team.delete", "CORE", in: fresh.database) == 1)
            #expect(try cli.run(["demo"]).status == 0)
        }
    }

    @Test func theDemoLoadsIntoNoTeamOfTheUsers() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Ours"]).status == 0)
            let demo = try cli.run(["demo"])
            #expect(demo.status == 1)
            #expect(demo.stderr.hasPrefix("firebreak: team CORE is yours, not the demo's"))
            #expect(try await Fixtures.count("SELECT count(*)::int FROM incidents", in: fresh.database) == 0)
        }
    }
}

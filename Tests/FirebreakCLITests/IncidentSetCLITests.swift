import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

/// `firebreak incident set` and `firebreak team set --severity-alias`, as a user runs them.
@Suite("Command line: incident set and severity aliases")
struct IncidentSetCLITests {
    @Test func aManagerFillsInADraftWithTheTeamsOwnSeverityName() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            try await fresh.database.client.query(
                """
                INSERT INTO incidents (key, title, status, team_id)
                SELECT 'INC-7', 'Booking API returned 502s', 'draft', id FROM teams WHERE key = 'CORE'
                """)

            let unknown = try cli.run(["incident", "set", "INC-7", "--severity", "Critical"])
            #expect(unknown.status == 2)
            #expect(
                unknown.stderr
                    == "firebreak: --severity \"Critical\" is not one of SEV1..SEV4, P1..P4 or 1..4, nor a severity "
                    + "alias of team CORE (it has none)\n")

            let aliases = try cli.run([
                "team", "set", "CORE", "--severity-alias", "Critical=SEV1", "--severity-alias", "Major=P2",
                "--severity-alias", "Minor=4",
            ])
            #expect(aliases.status == 0, "\(aliases.stderr)")
            #expect(try cli.run(["team", "set", "CORE", "--severity-alias", "minor="]).status == 0)
            let shown = try cli.run(["team", "show", "CORE", "--format", "csv"])
            #expect(shown.stdout.contains("severity aliases,\"critical=SEV1, major=SEV2\""), "\(shown.stdout)")
            let json = try cli.run(["team", "show", "CORE", "--format", "json"])
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let team = object?["team"] as? [String: Any]
            #expect(team?["severityAliases"] as? [String: Int] == ["critical": 1, "major": 2])

            let set = try cli.run([
                "incident", "set", "INC-7", "--severity", "critical", "--outage-time", "95 minutes", "--tickets", "14",
                "--detected-by", "customer", "--started", "2026-03-02 08:55",
            ])
            #expect(set.status == 0, "\(set.stderr)")
            #expect(
                set.stdout
                    == "Updated INC-7: date none -> 2026-03-02T08:55:00Z; outage time none -> 01:35; severity none -> "
                    + "SEV1; detected by unknown -> customer; number of support tickets raised none -> 14. INC-7 is now "
                    + "published: it states every number scoring needs.\n")
            #expect(
                try await Fixtures.count(
                    """
                    SELECT count(*)::int FROM incidents WHERE key = 'INC-7' AND status = 'published' AND severity = 1
                        AND outage_minutes = 95 AND tickets = 14 AND detected_by = 'customer'
                        AND started_at = '2026-03-02 08:55+00'
                    """, in: fresh.database) == 1)

            let again = try cli.run(["incident", "set", "INC-7", "--tickets", "14"])
            #expect(again.stdout == "No change to INC-7: it already states those values. INC-7 is published.\n")
            let history = try cli.run(["incident", "history", "INC-7", "--format", "json"])
            let entries = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]]
            #expect(entries?.map { $0["verb"] as? String } == ["incident.set"])
            #expect(entries?.first?["actor"] as? String == "test")
            #expect(
                (entries?.first?["details"] as? String)?.contains(#""tickets": {"after": 14, "before": null}"#) == true)
        }
    }

    @Test func badValuesAreUsageErrorsOneLineEachAndChangeNothing() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            try await fresh.database.client.query(
                """
                INSERT INTO incidents (key, title, started_at, outage_minutes, severity, tickets, status, team_id)
                SELECT 'INC-8', 'Payments were slow', '2026-04-01 10:00+00', 45, 3, 2, 'published', id
                FROM teams WHERE key = 'CORE'
                """)
            let state = "SELECT version FROM incidents WHERE key = 'INC-8'"

            let bad = try cli.run([
                "incident", "set", "INC-8", "--tickets", "many", "--started", "last Monday", "--outage-time", "1.5",
                "--detected-by", "robot", "--title", " ",
            ])
            #expect(bad.status == 2)
            // Every problem, on one line.
            #expect(
                bad.stderr
                    == "firebreak: error: "
                    + "--started \"last Monday\" is not YYYY-MM-DD HH:MM (with an optional UTC or ±HH:MM) or ISO 8601; "
                    + "--outage-time \"1.5\" is not hh:mm or N minutes; --tickets \"many\" is not a whole number; "
                    + "--detected-by \"robot\" is not alert, customer, staff or unknown; title is empty "
                    + "(see firebreak incident set --help)\n")
            for tickets in [["--tickets=-3"], ["--tickets", "-3"]] {
                #expect(
                    try cli.run(["incident", "set", "INC-8"] + tickets).stderr
                        == "firebreak: error: tickets must be 0 to 2147483647 (got -3) (see firebreak incident set --help)\n"
                )
            }
            #expect(try cli.run(["incident", "set", "INC-8"]).status == 2)
            // Text on no named scale may be one of the team's aliases: it is looked up, then refused.
            let severity = try cli.run(["incident", "set", "INC-8", "--severity", "SEV5"])
            #expect(severity.status == 2)
            #expect(severity.stderr.hasPrefix("firebreak: --severity \"SEV5\" is not one of SEV1..SEV4"))
            // A text no alias could be is refused in the same words, by the same operation.
            let malformed = try cli.run(["incident", "set", "INC-8", "--severity", "=SEV1"])
            #expect(malformed.status == 2)
            #expect(
                malformed.stderr.hasPrefix(
                    "firebreak: --severity \"=SEV1\" is not one of SEV1..SEV4, P1..P4 or 1..4, nor a severity alias"))

            let cleared = try cli.run(["incident", "set", "INC-8", "--clear", "severity"])
            #expect(cleared.status == 1)
            #expect(
                cleared.stderr
                    == "firebreak: severity: INC-8 is published, and a published incident states its severity; give a "
                    + "value instead of clearing it, or make it a draft (status draft) with the same change\n")
            #expect(try cli.run(["incident", "set", "INC-404", "--tickets", "1"]).status == 4)
            #expect(try await Fixtures.count(PostgresQuery(unsafeSQL: state), in: fresh.database) == 1)

            let unpublished = try cli.run(["incident", "set", "INC-8", "--clear", "severity", "--status", "draft"])
            #expect(unpublished.status == 0, "\(unpublished.stderr)")
            #expect(
                unpublished.stdout == "Updated INC-8: severity SEV3 -> none. INC-8 is a draft; missing: severity.\n")

            #expect(try cli.run(["team", "set", "CORE", "--severity-alias", "Critical=SEV9"]).status == 2)
            #expect(try cli.run(["team", "set", "CORE", "--severity-alias", "P1=SEV2"]).status == 2)
            let missing = try cli.run(["team", "set", "CORE", "--severity-alias", "Critcal="])
            #expect(missing.status == 1)
            #expect(
                missing.stderr
                    == "firebreak: --severity-alias: team CORE has no severity alias \"critcal\"; it has none\n")
        }
    }
}

import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import Testing

/// `firebreak next`, `backlog --unclaimed` and `backlog --mine` (#15), on a team built by hand.
@Suite("Next work and the backlog's filters, through the CLI")
struct NextCLITests {
    static let asOf = "2026-11-23"

    /// One incident (100 minutes, SEV1, so about 99 after decay) and five actions planned into sprint 24
    /// (2026-11-23 to 12-06, an improvement sprint of 16 points), by priority: ACT-1 (2 points, coverage 1),
    /// ACT-2 (3, 0.9), ACT-3 (5, 1), ACT-4 (1, 0.15), ACT-5 (2, 0.2). After the plan, bob claims ACT-1,
    /// alice ACT-5, and ACT-6 (1 point, coverage 1, the best of all) is added, in no plan.
    static func team(in db: Database) async throws {
        try await TeamStore(database: db).create(
            Team(
                key: "CORE", name: "Core",
                cadence: Cadence(
                    sprintOneStarts: CalendarDate("2026-11-23")!.adding(days: -23 * 14), improvementEvery: 1),
                wipLimit: 3), actor: "test")
        for handle in ["alice", "bob"] {
            try await TeamStore(database: db).addEngineer(
                Engineer(handle: handle, displayName: handle.capitalized, team: "CORE", capacity: 8), actor: "test")
        }
        try await Fixtures.importReport(
            """
            # INC-1: Booking API down

            - **Date:** 2026-11-20 10:00 UTC
            - **Outage time:** 01:40
            - **Severity:** SEV1
            - **Detected by:** alert
            - **Number of support tickets raised:** 0
            - **Team:** CORE

            ## Preventative measures and actions
            - [prevent] Autoscale the booking API (estimate: 2, coverage: 1)
            - [prevent] Cache the salon list (estimate: 3, coverage: 0.9)
            - [prevent] Split the booking database (estimate: 5, coverage: 1)
            - [detect] Alert on booking 5xx (estimate: 1, coverage: 0.15)
            - [process] Runbook for booking (estimate: 2, coverage: 0.2)
            """, into: db)
        _ = try await PlanStore(database: db).generate(
            team: "CORE", asOf: ReportDate.parse(asOf)!, horizon: 2, actor: "test")
        try await ClaimStore(database: db).claim("ACT-1", by: "bob")
        try await ClaimStore(database: db).claim("ACT-5", by: "alice")
        var changes = ActionStore.Changes()
        changes.estimate = 1
        let key = try await ActionStore(database: db).add(
            title: "Rate-limit the booking API", team: "CORE", changes: changes, actor: "test")
        try await ActionStore(database: db).link(key, to: "INC-1", coverage: 1, actor: "test")
    }

    /// alice holds ACT-5 (2 of 8 points, 1 of 3 WIP). Of sprint 24's unclaimed items by priority, ACT-2 (3)
    /// fits, ACT-3 (5) no longer does, ACT-4 (1) does; ACT-1 is bob's and ACT-6 in no plan.
    @Test func nextSuggestsTheBestUnclaimedItemsOfTheSprintThatFit() async throws {
        try await TestDatabase.withFresh { fresh in
            try await Self.team(in: fresh.database)
            let cli = CLIRunner(databaseURL: fresh.url)
            let csv = try cli.run(["next", "--as", "alice", "--as-of", Self.asOf, "--format", "csv"])
            #expect(csv.status == 0, "\(csv.stderr)")
            let rows = csv.stdout.split(separator: "\r\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false)
            }
            #expect(rows.first?.joined(separator: ",") == "status,rank,key,title,effort,value,priority,command")
            #expect(
                rows.dropFirst().map { "\($0[0]) \($0[2]) \($0[7])" } == [
                    "claimed ACT-5 ", "next ACT-2 firebreak claim ACT-2 --as alice",
                    "next ACT-4 firebreak claim ACT-4 --as alice",
                ])
            let json = try cli.run(["next", "--as", "alice", "--as-of", Self.asOf, "--format", "json"])
            let body = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(body["wipLimit"] as? Int == 3 && body["remainingCapacity"] as? Double == 6)
            #expect((body["sprint"] as? [String: Any])?["name"] as? String == "CORE Sprint 24")
            let table = try cli.run(["next", "--as", "alice", "--as-of", Self.asOf])
            #expect(
                table.stdout.hasPrefix(
                    "alice (CORE): 1 of 3 WIP, 2 of 8 points claimed; CORE Sprint 24 (2026-11-23 to 2026-12-06) of plan 1\n"
                ),
                "\(table.stdout)")
            // The claim command it prints is the one that claims.
            let claim = try cli.run(["claim", "ACT-2", "--as", "alice"])
            #expect(claim.status == 0, "\(claim.stderr)")
            let after = try cli.run(["next", "--as", "alice", "--as-of", Self.asOf, "--format", "json"])
            let suggested = try #require(
                try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
            #expect((suggested["suggestions"] as? [[String: Any]])?.map { $0["key"] as? String } == ["ACT-4"])
            // Without --as and with no engineer of its own, it asks for one.
            let nobody = try cli.run(["next", "--as-of", Self.asOf])
            #expect(nobody.status != 0 && nobody.stderr.contains("--as"), "\(nobody.stderr)")
        }
    }

    @Test func nextWithoutAPlanSaysSo() async throws {
        try await TestDatabase.withFresh { fresh in
            try await Fixtures.team(in: fresh.database)
            try await TeamStore(database: fresh.database).addEngineer(
                Engineer(handle: "alice", displayName: "Alice", team: "CORE"), actor: "test")
            let next = try CLIRunner(databaseURL: fresh.url).run(["next", "--as", "alice"])
            #expect(next.status == 0, "\(next.stderr)")
            #expect(next.stdout.contains("team CORE has no plan yet; a manager runs `firebreak plan --team CORE`"))
        }
    }

    /// Ranks stay those of the whole backlog (ACT-6 1, ACT-1 2, ACT-2 3, ACT-3 4, ACT-4 5, ACT-5 6); the limit
    /// counts the items kept.
    @Test func backlogUnclaimedAndMine() async throws {
        try await TestDatabase.withFresh { fresh in
            try await Self.team(in: fresh.database)
            let cli = CLIRunner(databaseURL: fresh.url)
            func keys(_ arguments: [String]) throws -> [String] {
                let result = try cli.run(["backlog", "--as-of", Self.asOf, "--format", "csv"] + arguments)
                #expect(result.status == 0, "\(result.stderr)")
                return result.stdout.split(separator: "\r\n").dropFirst().map {
                    let cells = $0.split(separator: ",")
                    return "\(cells[0]) \(cells[1])"
                }
            }
            #expect(try keys([]) == ["1 ACT-6", "2 ACT-1", "3 ACT-2", "4 ACT-3", "5 ACT-4", "6 ACT-5"])
            #expect(try keys(["--unclaimed"]) == ["1 ACT-6", "3 ACT-2", "4 ACT-3", "5 ACT-4"])
            #expect(try keys(["--unclaimed", "--limit", "2"]) == ["1 ACT-6", "3 ACT-2"])
            #expect(try keys(["--mine", "--as", "alice"]) == ["6 ACT-5"])
            #expect(try keys(["--mine", "--as", "bob"]) == ["2 ACT-1"])
            let both = try cli.run(["backlog", "--unclaimed", "--mine", "--as", "bob"])
            #expect(both.status == 2 && both.stderr.contains("--unclaimed and --mine exclude each other"))
            let explained = try cli.run(["backlog", "--explain", "--mine", "--as", "bob"])
            #expect(
                explained.status == 2
                    && explained.stderr.contains("--explain explains the whole backlog; drop --mine (see"),
                "\(explained.stderr)")
        }
    }
}

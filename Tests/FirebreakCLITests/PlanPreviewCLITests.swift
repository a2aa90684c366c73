import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

/// `plan --dry-run`, the stored plan's number on stderr, reasons in the table, and `plan diff` of estimates (#15).
@Suite("Plan preview and diff, through the CLI")
struct PlanPreviewCLITests {
    @Test func aDryRunStoresNothingAndAPipedPlanSaysWhatItStored() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            _ = try cli.run(["demo"])
            #expect(try await Fixtures.count("SELECT count(*)::int FROM plans", in: fresh.database) == 1)
            let preview = try cli.run(["plan", "--as-of", "2026-11-28", "--dry-run"])
            #expect(preview.status == 0, "\(preview.stderr)")
            #expect(preview.stdout.hasPrefix("Plan preview (not stored) for CORE as of 2026-11-28T00:00:00Z"))
            #expect(preview.stdout.contains("      claimed: claimed by amara, so pinned to CORE Sprint 24"))
            #expect(preview.stderr.isEmpty)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM plans", in: fresh.database) == 1)
            let stored = try cli.run(["plan", "--as-of", "2026-11-28", "--format", "csv"])
            #expect(stored.status == 0)
            #expect(stored.stderr == "stored plan 2 for CORE\n")
            #expect(
                stored.stdout.hasPrefix(
                    "sprint,name,starts,ends,kind,rank,key,title,effort,value,claimed_by,reason,reason_text\r\n"))
            #expect(try await Fixtures.count("SELECT count(*)::int FROM plans", in: fresh.database) == 2)
            // The preview is the plan that was stored next.
            let json = try cli.run(["plan", "--as-of", "2026-11-28", "--dry-run", "--format", "json"]).stdout
            let shown = try cli.run(["plan", "show", "2", "--format", "json"]).stdout
            #expect(json.replacingOccurrences(of: "\"number\" : 0", with: "\"number\" : 2") == shown)
        }
    }

    /// Issue #15: after two estimates went from 5 to 13, `plan diff` printed "Entered: 0 / Left: 0 / Moved: 0".
    @Test func diffOfTwoPlansThatDifferOnlyInEstimates() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            _ = try cli.run(["demo"])
            _ = try cli.run(["plan", "--as-of", "2026-11-28"])
            for key in ["ACT-14", "ACT-48"] {
                let set = try cli.run(["action", "set", key, "--estimate", "13"])
                #expect(set.status == 0, "\(set.stderr)")
            }
            _ = try cli.run(["plan", "--as-of", "2026-11-28"])
            let diff = try cli.run(["plan", "diff", "2", "3"])
            #expect(diff.status == 0, "\(diff.stderr)")
            #expect(
                diff.stdout.contains("\nChanged: 2\n  ACT-14  effort 5 → 13\n  ACT-48  effort 5 → 13\n"),
                "\(diff.stdout)")
            #expect(diff.stdout.contains("Sprints (capacity, backlog, used, value):\n  CORE Sprint 24  "))
            let json = try cli.run(["plan", "diff", "2", "3", "--format", "json"])
            let body = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let changed = try #require(body["changed"] as? [[String: Any]])
            #expect(changed.map { $0["key"] as? String } == ["ACT-14", "ACT-48"])
            #expect(changed.map { $0["effortAfter"] as? Double } == [13, 13])
            // Every item that moved says why it is where it is now.
            let moved = try #require(body["moved"] as? [[String: Any]])
            #expect(moved.allSatisfy { $0["reason"] is String && $0["reasonText"] is String })
        }
    }
}

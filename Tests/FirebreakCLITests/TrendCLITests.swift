import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

/// `firebreak report trend` (#15) on the team of ``NextCLITests``.
@Suite("Report trend, through the CLI")
struct TrendCLITests {
    /// Sprint 24 (2026-11-23 to 12-06) planned ACT-1 to ACT-5, 13 points. alice finishes ACT-5 (2 points) on
    /// 12-01, ACT-2 (3) is set done on 12-05, bob finishes ACT-1 on 12-08, after the sprint's end.
    @Test func monthsAndPlannedAgainstDone() async throws {
        try await TestDatabase.withFresh { fresh in
            try await NextCLITests.team(in: fresh.database)
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["done", "ACT-5", "--as", "alice"]).status == 0)
            #expect(try cli.run(["done", "ACT-1", "--as", "bob"]).status == 0)
            for (key, at) in [("ACT-5", "2026-12-01T10:00:00Z"), ("ACT-1", "2026-12-08T10:00:00Z")] {
                try await fresh.database.client.query(
                    "UPDATE audit_entries SET at = \(at)::timestamptz WHERE verb = 'done' AND subject = \(key)",
                    logger: fresh.database.logger)
            }
            // ACT-2 (3 points) made done by an edit, with no `done` entry: its last change, 12-05, is when.
            var changes = ActionStore.Changes()
            changes.status = .done
            _ = try await ActionStore(database: fresh.database).set("ACT-2", changes: changes, actor: "test")
            try await fresh.database.client.query(
                "UPDATE actions SET updated_at = '2026-12-05T09:00:00Z' WHERE key = 'ACT-2'",
                logger: fresh.database.logger)
            let table = try cli.run(["report", "trend", "--as-of", "2026-12-10"])
            #expect(table.status == 0, "\(table.stderr)")
            // Columns compared with their spacing collapsed: the table's widths are the listing's business.
            let rows = table.stdout.split(separator: "\n").map {
                $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            }
            #expect(rows.contains("2026-11 1 01:40 0 100.0 CORE Sprint 23, CORE Sprint 24"), "\(table.stdout)")
            #expect(rows.contains("2026-12 0 00:00 0 0.0 CORE Sprint 25"), "\(table.stdout)")
            #expect(
                rows.contains("1 CORE Sprint 24 2026-12-06 improvement 5 2 5/13 38% ACT-1,ACT-3,ACT-4"),
                "\(table.stdout)")
            let json = try cli.run(["report", "trend", "--as-of", "2026-12-10", "--format", "json"])
            let body = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let sprints = try #require(body["sprints"] as? [[String: Any]])
            #expect(sprints.count == 1)
            #expect(sprints.first?["doneEffort"] as? Double == 5 && sprints.first?["plannedEffort"] as? Double == 13)
            let csv = try cli.run(["report", "trend", "--as-of", "2026-12-10", "--format", "csv"])
            let lines = csv.stdout.split(separator: "\r\n")
            #expect(lines.count == 4 && lines[0].hasPrefix("section,month,incidents,"))
            #expect(lines.dropFirst().map { $0.prefix(while: { $0 != "," }) } == ["month", "month", "sprint"])
        }
    }
}

import FirebreakCore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@testable import FirebreakStore

/// A Jira import writes its issues in chunks (a few statements for a thousand issues); it must write
/// what writing them one at a time writes. Random issues over a small pool of keys (repeated keys,
/// descriptions naming Firebreak actions, actions that already carry the Jira key, resolved issues,
/// labels naming categories and incidents, exports without some list columns) are imported both ways
/// into two databases, twice, and the actions, links and audit entries compared.
@Suite("Jira import in chunks")
struct JiraChunkTests {
    @Test(arguments: [1, 2, 3, 4])
    func chunksWriteWhatIssueByIssueWrites(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        let first = Self.issues(60, random: &random)
        let second = Self.issues(60, random: &random)
        let chunks = try await Self.importTwice(first, second, oneByOne: false)
        let alone = try await Self.importTwice(first, second, oneByOne: true)
        #expect(chunks.outcomes == alone.outcomes)
        for (table, rows) in alone.tables {
            let other = chunks.tables[table] ?? []
            #expect(
                other == rows,
                "\(table): only in chunks \(other.filter { !rows.contains($0) }), only one by one \(rows.filter { !other.contains($0) })"
            )
        }
        #expect(alone.outcomes.contains { $0.updated > 0 } && alone.outcomes.contains { $0.created > 0 })
    }

    struct Imported {
        var outcomes: [JiraImportOutcome]
        var tables: [String: [String]]
    }

    static func importTwice(_ first: [JiraIssue], _ second: [JiraIssue], oneByOne: Bool) async throws -> Imported {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            // ACT-1 to ACT-3 exist, linked to INC-7; ACT-12 already carries the Jira key OPS-5.
            try await Fixtures.importReport(
                ReportImportTests.report + "\n- [detect] ACT-3: Page on pool exhaustion\n", into: db)
            try await db.client.query(
                "UPDATE actions SET external_key = 'OPS-5' WHERE key = 'ACT-12'", logger: db.logger)
            var outcomes: [JiraImportOutcome] = []
            for issues in [first, second] {
                if oneByOne {
                    outcomes.append(
                        try await db.transaction { tx in
                            let team = try await JiraImporter.team(nil, source: "jira.csv", on: tx, logger: db.logger)
                            let categories = try await JiraImporter.keys(
                                "SELECT key FROM categories", on: tx, logger: db.logger)
                            var outcome = JiraImportOutcome()
                            for issue in issues {
                                guard !issue.isEpic, !issue.isSubtask else {
                                    outcome.skipped += 1
                                    continue
                                }
                                try await JiraImporter.upsert(
                                    issue, teamID: team, categories: categories, actor: "t", outcome: &outcome, on: tx,
                                    logger: db.logger)
                            }
                            try await AuditLog.record(
                                actor: "t", verb: "import.jira", subject: "jira.csv", teamID: team,
                                details: ["created": String(outcome.created), "updated": String(outcome.updated)],
                                on: tx, logger: db.logger)
                            return outcome
                        })
                } else {
                    outcomes.append(
                        try await JiraImporter(database: db).importIssues(
                            issues, source: "jira.csv", team: nil, actor: "t"))
                }
            }
            return Imported(outcomes: outcomes, tables: try await Self.tables(db))
        }
    }

    static func tables(_ db: Database) async throws -> [String: [String]] {
        let queries = [
            "actions": """
            SELECT row(key, title, description, kind, category_key, estimate, status, due_on, external_key, labels,
                components, sprints, version)::text FROM actions ORDER BY key
            """,
            "links": """
            SELECT row(a.key, i.key, l.coverage, l.position)::text FROM action_incidents l
            JOIN actions a ON a.id = l.action_id JOIN incidents i ON i.id = l.incident_id ORDER BY 1
            """,
            "key_counters": "SELECT row(prefix, last)::text FROM key_counters ORDER BY prefix",
            "audit_entries": """
            SELECT row(actor, verb, subject, details)::text FROM audit_entries WHERE verb LIKE 'import.jira%'
            ORDER BY id
            """,
        ]
        return try await Fixtures.rows(of: queries, in: db)
    }

    static func issues(_ count: Int, random: inout SeededRandom) -> [JiraIssue] {
        func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &random)] }
        let states: [(String, String?)] = [
            ("To Do", nil), ("Done", "Done"), ("Won't Do", "Won't Do"), ("In Progress", nil),
        ]
        let lists: [JiraIssue.ListColumns] = [.all, .all, [.labels], []]
        return (0..<count).map { _ in
            let key = chance(10) ? pick(["ACT-2", "ACT-40", "INC-9"]) : "OPS-\(Int.random(in: 1...25, using: &random))"
            let (status, resolution) = pick(states)
            var description = pick(["", "Fix it.", "Scale out at 70% CPU."])
            if chance(25) {
                description = "Firebreak \(pick(["ACT-1", "ACT-3", "ACT-12", "ACT-99"])) (detect), rank 2."
            }
            var labels = [pick(["firebreak", "monitoring", "capacity", "tech-debt"])]
            if chance(30) { labels.append(pick(["INC-7", "INC-8", "BI-1"])) }
            return JiraIssue(
                key: key, summary: "Issue \(key) \(pick(["a", "b"]))",
                issueType: pick(["Task", "Task", "Story", "Epic", "Sub-task"]), status: status, resolution: resolution,
                due: chance(20) ? CalendarDate("2026-05-01") : nil, description: description, labels: labels,
                components: chance(50) ? [pick(["Payments", "Search"])] : [],
                sprints: chance(40) ? ["OPS Sprint \(Int.random(in: 1...3, using: &random))"] : [],
                listColumns: pick(lists), storyPoints: chance(70) ? Double(pick([1, 2, 3, 5])) : nil)
        }
    }
}

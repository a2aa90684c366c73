import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@Suite("Jira CSV import")
struct JiraImportTests {
    static let jira = Fixtures.data.appendingPathComponent("jira")

    static func importFile(_ name: String, into db: Database) async throws -> JiraImportOutcome {
        let text = try String(contentsOf: jira.appendingPathComponent(name), encoding: .utf8)
        return try await JiraImporter(database: db).importIssues(
            try JiraCSVImport.read(text, file: name), source: name, team: nil, actor: "t")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: jira.path)))
    func bothGenerationsImportIdempotently() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Fixtures.importReport(ReportImportTests.report, into: db)  // INC-7 exists: OPS-101 links it
            var first = try await Self.importFile("jira-cloud-2026-export.csv", into: db)
            let server = try await Self.importFile("jira-server-2018-export.csv", into: db)
            #expect(first.created == 5 && first.skipped == 1 && first.resolved == 2)
            #expect(server.created == 3 && server.skipped == 2 && server.resolved == 1)
            let store = ActionStore(database: db)
            let ops101 = try await store.get("OPS-101")
            #expect(ops101.status == .done && ops101.estimate == 2 && ops101.externalKey == "OPS-101")
            #expect(ops101.category == "monitoring" && ops101.kind == .detect)
            #expect(ops101.links == [Action.Link(incident: "INC-7")])
            #expect(try await store.get("OPS-104").status == .wontfix)
            #expect(try await store.get("OPS-104").title == "-2% error budget left: freeze releases?")
            #expect(try await store.get("STAB-2").estimate == 8)
            #expect(try await store.get("STAB-2").due == CalendarDate("2018-03-30"))
            await #expect(throws: StoreError.notFound("no action STAB-4")) { try await store.get("STAB-4") }
            let count = try await Fixtures.count("SELECT count(*)::int FROM actions", in: db)
            first = try await Self.importFile("jira-cloud-2026-export.csv", into: db)
            #expect(first.created == 0 && first.updated == 5)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == count)
        }
    }

    /// A dry run of a file does the whole import and rolls it back: it says what the import would
    /// do, and the tables (audit log included) are as they were.
    @Test func aDryRunSaysWhatTheImportWouldDoAndWritesNothing() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Fixtures.importReport(ReportImportTests.report, into: db)
            let file = JiraCSVFile(path: Self.jira.appendingPathComponent("jira-cloud-2026-export.csv").path)
            func rows() async throws -> Int {
                try await Fixtures.count(
                    "SELECT ((SELECT count(*) FROM actions) * 1000 + (SELECT count(*) FROM audit_entries))::int", in: db
                )
            }
            let before = try await rows()
            let dry = try await JiraImporter(database: db).importFile(file, team: nil, actor: "t", dryRun: true)
            #expect(dry.created == 5 && dry.skipped == 1 && dry.resolved == 2)
            #expect(try await rows() == before)
            let real = try await JiraImporter(database: db).importFile(file, team: nil, actor: "t")
            #expect(real == dry)
            #expect(try await rows() > before)
        }
    }

    @Test func anActionFirebreakExportedIsMatchedWhenJiraSendsItBack() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Fixtures.importReport(ReportImportTests.report, into: db)
            let csv = """
                Summary,Issue key,Issue id,Issue Type,Status,Resolution,Description,Labels,Labels,Custom field (Story Points)
                Autoscale the booking API,CORE-88,300,Task,Done,Done,"Firebreak ACT-12 (prevent), rank 2, planned in CORE Sprint 24.",firebreak,INC-7,5
                """
            let outcome = try await JiraImporter(database: db).importIssues(
                try JiraCSVImport.read(csv, file: "back.csv"), source: "back.csv", team: "CORE", actor: "t")
            #expect(outcome.created == 0 && outcome.updated == 1)
            let item = try await ActionStore(database: db).get("ACT-12")
            #expect(item.externalKey == "CORE-88" && item.status == .done)
            // The action's history says what the import changed, before and after.
            let entry = try await ClaimStore(database: db).history("ACT-12").first { $0.verb == "import.jira.update" }
            let summary = entry?.summary ?? ""
            #expect(summary.contains(#"external key none → "CORE-88""#), "\(summary)")
            #expect(summary.contains(#"status "open" → "done""#), "\(summary)")
            #expect(summary.contains(#"jira "CORE-88""#), "\(summary)")
        }
    }

    @Test func aBrokenFileNamesItsLineAndWritesNothing() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let truncated =
                "Summary,Issue key,Issue Type,Status\nOne,OPS-1,Task,To Do\n\"Two, unfinished,OPS-2,Task,To Do\n"
            #expect(throws: CSVError.self) { try JiraCSVImport.read(truncated, file: "cut.csv") }
            // A file that reads, but whose second issue the schema refuses: the whole file rolls back.
            // (A title over 500 characters: the reader takes it, the schema does not.)
            let csv = """
                Summary,Issue key,Issue Type,Status,Custom field (Story Points)
                New one,OPS-8,Task,To Do,3
                \(String(repeating: "Huge ", count: 101)),OPS-9,Task,To Do,5
                """
            do {
                _ = try await JiraImporter(database: db).importIssues(
                    try JiraCSVImport.read(csv, file: "huge.csv"), source: "huge.csv", team: nil, actor: "t")
                Issue.record("the import should have failed")
            } catch let error as ReportError {
                #expect(error.file == "huge.csv" && error.line == 3 && error.reason.hasPrefix("OPS-9: "))
            }
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions WHERE key = 'OPS-8'", in: db) == 0)
        }
    }
}

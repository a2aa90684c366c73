import FirebreakCore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@testable import FirebreakStore

/// A Jira CSV file imported a piece at a time fails as reading it whole fails: the same first error
/// on the same line, whatever the size of the pieces, and nothing written. The importer does not
/// keep the file's keys (its memory stays flat): a key that repeats, in the same piece or another,
/// is found by the database, and must still be the error when a bad row follows it.
@Suite("Jira CSV files imported: errors")
struct JiraImportFileTests {
    static let header = "Summary,Issue key,Issue Type,Description,Labels\n"

    static let texts: [(name: String, text: String)] = [
        ("repeated key", header + "A,OPS-1,Task,\"a\nb\nc\",x\nB,OPS-2,Task,,\nC,OPS-1,Task,,\n"),
        (
            "repeated key far apart",
            header + (1...60).map { "Item \($0),OPS-\($0),Task,Some words,x\n" }.joined() + "Again,OPS-7,Task,,\n"
        ),
        ("repeated key, then a bad row", header + "A,OPS-1,Task,,\nB,OPS-2,Task,,\nC,OPS-1,Task,,\nD,OPS-4\n"),
        ("a bad row, then a repeated key", header + "A,OPS-1,Task,,\nB,OPS-2\nC,OPS-1,Task,,\n"),
        ("an epic's key repeated", header + "A,OPS-1,Epic,,\nB,OPS-1,Task,,\n"),
        ("truncated", header + "A,OPS-1,Task,ok,\nB,OPS-2,Task,\"cut\noff"),
    ]

    @Test(arguments: [3, 16, 64, 1 << 20])
    func aFileFailsAsItsWholeTextFailsAndWritesNothing(blockSize: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fb-jira-errors-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            func rows() async throws -> Int {
                try await Fixtures.count(
                    "SELECT ((SELECT count(*) FROM actions) * 1000 + (SELECT count(*) FROM audit_entries))::int", in: db
                )
            }
            let before = try await rows()
            for (name, text) in Self.texts {
                let expected = Result { () throws(CSVError) in try JiraCSVImport.read(text, file: name) }
                guard case .failure(let error) = expected else {
                    Issue.record("\(name) reads whole")
                    continue
                }
                let url = folder.appendingPathComponent(name)
                try Data(text.utf8).write(to: url)
                let file = JiraCSVFile(path: url.path, name: name, dateFormat: nil, blockSize: blockSize)
                await #expect(throws: error, "\(name)") {
                    try await JiraImporter(database: db).importFile(file, team: nil, actor: "t")
                }
                #expect(try await rows() == before, "\(name)")
            }
        }
    }

    /// The key check is the database's: a file whose keys are all different imports whole, the
    /// same file with one key repeated far from the first (another piece) writes nothing.
    @Test func aKeyRepeatedInAnotherPieceIsRefusedNamingBothLines() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fb-jira-repeat-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (1...3_000).map { "Item \($0),OPS-\($0),Task,\"Two\nlines\",INC-7\n" }
        let good = folder.appendingPathComponent("good.csv")
        let repeated = folder.appendingPathComponent("repeated.csv")
        try Data((Self.header + rows.joined()).utf8).write(to: good)
        try Data((Self.header + rows.joined() + "Again,OPS-12,Task,,\n").utf8).write(to: repeated)
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let importer = JiraImporter(database: db)
            let small = { (url: URL) in
                JiraCSVFile(path: url.path, name: url.lastPathComponent, dateFormat: nil, blockSize: 4096)
            }
            await #expect(
                throws: ReportError(file: "repeated.csv", line: 6_002, reason: "issue OPS-12 is also on line 24")
            ) {
                try await importer.importFile(small(repeated), team: nil, actor: "t")
            }
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == 0)
            #expect(
                try await Fixtures.count(
                    "SELECT count(*)::int FROM audit_entries WHERE verb LIKE 'import.jira%'", in: db) == 0)
            let outcome = try await importer.importFile(small(good), team: nil, actor: "t")
            #expect(outcome.created == 3_000)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == 3_000)
            #expect(
                try await Fixtures.count(
                    "SELECT count(*)::int FROM audit_entries WHERE verb = 'import.jira.create'", in: db)
                    == 3_000)
        }
    }

    /// A NUL character cannot go through COPY, nor be stored: issues given whole (the API's import)
    /// with one in a text are refused naming that issue and its line, and nothing is written.
    @Test func aNULInAnIssueNamesItAndWritesNothing() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let issues = [
                JiraIssue(key: "OPS-1", summary: "Fine", issueType: "Task", line: 2),
                JiraIssue(key: "OPS-2", summary: "Not \u{0} fine", issueType: "Task", line: 3),
            ]
            await #expect(
                throws: ReportError(
                    file: "api", line: 3,
                    reason: "OPS-2: text holds a NUL character or bytes that are not UTF-8, which cannot be stored")
            ) {
                try await JiraImporter(database: db).importIssues(issues, source: "api", team: nil, actor: "t")
            }
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == 0)
        }
    }
}

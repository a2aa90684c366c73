import FirebreakCore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@testable import FirebreakStore

/// A Jira CSV file read a piece at a time (flat memory) reads as the whole text reads: the same
/// issues, the same errors on the same lines, whatever the size of the blocks it is read in.
@Suite("Jira CSV files read in pieces")
struct JiraCSVFileTests {
    static let jira = Fixtures.data.appendingPathComponent("jira")

    static let texts: [(name: String, text: String)] = {
        var texts = ["jira-cloud-2026-export.csv", "jira-server-2018-export.csv", "real-planeso-jira-migration.csv"]
            .compactMap { name in
                (try? String(contentsOf: jira.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
            }
        let header = "Summary,Issue key,Description,Labels,Labels\n"
        texts += [
            (
                "crlf",
                header.replacingOccurrences(of: "\n", with: "\r\n") + "A,OPS-1,\"one\r\ntwo\",x,\r\nB,OPS-2,,,y\r\n"
            ),
            ("lone cr", "Summary,Issue key\rA,OPS-1\rB,OPS-2\r"),
            ("bom", "\u{FEFF}" + header + "A,OPS-1,\"\u{FEFF}quoted \"\"x\"\"\",,\n\u{FEFF}B,OPS-2,,,\n"),
            ("blank rows", header + "A,OPS-1,,,\n\n,,,,\n , ,,,\n"),
            ("no newline at the end", header + "A,OPS-1,\"multi\nline\",,\nB,OPS-2,,,"),
            ("header only", header),
            ("empty", ""),
            ("repeated key", header + "A,OPS-1,\"a\nb\nc\",,\nB,OPS-2,,,\nC,OPS-1,,,\n"),
            ("row too short", header + "A,OPS-1,,,\nB,OPS-2\n"),
            ("truncated", header + "A,OPS-1,ok,,\nB,OPS-2,\"cut\noff"),
            ("quote in a cell", header + "A,OPS-1,ok,,\nB,OP\"S-2,,,\nC,OPS-3,,,\n"),
            ("no key column", "Summary,Key\nA,OPS-1\n"),
        ]
        return texts
    }()

    /// The whole text's result, parents aside (resolving a parent's id takes the whole file, and an
    /// import does not use parents).
    static func whole(_ text: String, name: String) -> Result<[JiraIssue], ReportError> {
        Result { () throws(CSVError) in try JiraCSVImport.read(text, file: name).map(withoutParent) }
    }

    static func withoutParent(_ issue: JiraIssue) -> JiraIssue {
        var issue = issue
        issue.parentKey = nil
        return issue
    }

    static func pieces(_ url: URL, name: String, blockSize: Int) async -> Result<[JiraIssue], ReportError> {
        let file = JiraCSVFile(path: url.path, name: name, dateFormat: nil, blockSize: blockSize)
        var issues: [JiraIssue] = []
        var last = JiraCSVFile.Position(issues: 0, bytes: 0, size: 0)
        do {
            try await file.forEachPiece { piece, position in
                issues += piece.map(withoutParent)
                // The progress line's figures: what has been read, never going back.
                #expect(position.issues == issues.count && position.bytes >= last.bytes)
                last = position
            }
            #expect(last.bytes == last.size, "the last piece ends the file")
            return .success(issues)
        } catch let error as ReportError {
            return .failure(error)
        } catch {
            Issue.record("unexpected \(error)")
            return .success([])
        }
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4096, 1 << 20])
    func piecesReadAsTheWholeText(blockSize: Int) async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in Self.texts {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            let read = await Self.pieces(url, name: name, blockSize: blockSize)
            #expect(read == Self.whole(text, name: name), "\(name)")
        }
    }

    /// What `firebreak import` says of a file that is not text, found before any of it is read as CSV.
    @Test func filesThatAreNotTextNameTheProblem() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(String, [UInt8], ReportError)] = [
            (
                "latin1.csv", Array("Summary,Issue key\nCaf".utf8) + [0xE9] + Array(",OPS-1\n".utf8),
                ReportError(
                    file: "latin1.csv", line: 1, reason: "the file is not UTF-8 text")
            ),
            (
                "nul.csv", Array("Summary,Issue key\r\nA,OPS-1\r\n\"B\nb\",OPS-\u{0}2\n".utf8),
                ReportError(
                    file: "nul.csv", line: 4, reason: "the file holds a NUL character, which text cannot")
            ),
            // A bad row before the NUL: the NUL is what is reported, as for a file read whole.
            (
                "both.csv", Array("Summary,Issue key\nA\nB,OPS-\u{0}2\n".utf8),
                ReportError(
                    file: "both.csv", line: 3, reason: "the file holds a NUL character, which text cannot")
            ),
        ]
        for (name, bytes, expected) in cases {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            for blockSize in [1, 5, 1 << 20] {
                #expect(await Self.pieces(url, name: name, blockSize: blockSize) == .failure(expected), "\(name)")
            }
        }
        let missing = folder.appendingPathComponent("missing.csv")
        #expect(
            await Self.pieces(missing, name: "missing.csv", blockSize: 8)
                == .failure(ReportError(file: "missing.csv", line: 1, reason: "cannot read the file")))
    }

    /// Importing a file in small pieces writes what importing its issues at once writes.
    @Test func importingAFileInPiecesWritesWhatItsIssuesWrite() async throws {
        let name = "jira-cloud-2026-export.csv"
        let url = Self.jira.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        func imported(pieces: Bool) async throws -> (JiraImportOutcome, [String]) {
            try await TestDatabase.withFresh { fresh in
                let db = fresh.database
                try await Fixtures.team(in: db)
                try await Fixtures.importReport(ReportImportTests.report, into: db)
                let importer = JiraImporter(database: db)
                let outcome =
                    pieces
                    ? try await importer.importFile(
                        JiraCSVFile(path: url.path, name: name, dateFormat: nil, blockSize: 16), team: nil, actor: "t")
                    : try await importer.importIssues(
                        try JiraCSVImport.read(text, file: name), source: name, team: nil, actor: "t")
                var rows: [String] = []
                let query: PostgresQuery = """
                    SELECT row(a.key, a.title, a.description, a.kind, a.category_key, a.estimate, a.status, a.due_on,
                        a.external_key, a.labels, a.components, a.sprints, a.version,
                        (SELECT array_agg(i.key ORDER BY i.key) FROM action_incidents l JOIN incidents i
                            ON i.id = l.incident_id WHERE l.action_id = a.id))::text
                    FROM actions a ORDER BY a.key
                    """
                for try await row in try await db.client.query(query, logger: db.logger).decode(String.self) {
                    rows.append(row)
                }
                return (outcome, rows)
            }
        }
        let whole = try await imported(pieces: false)
        let pieces = try await imported(pieces: true)
        #expect(pieces.0 == whole.0)
        #expect(pieces.1 == whole.1)
        #expect(whole.0.created == 5)
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fb-jira-pieces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

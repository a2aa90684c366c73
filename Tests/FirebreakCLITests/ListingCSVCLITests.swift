import FirebreakTesting
import Foundation
import Testing

/// Every listing's CSV is safe to open in a spreadsheet: a cell that would run as a formula gets a
/// leading `'` unless `--raw`, and a cell with nothing in it is empty, not the table's `-`.
@Suite("Command line: listings as CSV")
struct ListingCSVCLITests {
    @Test func formulaCellsAreNeutralisedUnlessRawAndEmptyCellsAreEmpty() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            let title = "=HYPERLINK(\"http://evil.example\",\"x\")"
            #expect(try cli.run(["action", "add", title, "--team", "CORE"]).status == 0)

            let safe = try cli.run(["action", "list", "--format", "csv"])
            #expect(safe.status == 0, "\(safe.stderr)")
            let row = try #require(
                safe.stdout.split(whereSeparator: \.isNewline).dropFirst().first.map(String.init), "\(safe.stdout)")
            #expect(row.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""), "\(row)")
            #expect(!row.contains(",-,") && !row.hasSuffix(",-"), "an empty cell is written as '-': \(row)")

            let raw = try cli.run(["action", "list", "--format", "csv", "--raw"])
            #expect(raw.stdout.contains("\"=HYPERLINK(") && !raw.stdout.contains("'="), "\(raw.stdout)")

            let backlog = try cli.run(["backlog", "--team", "CORE", "--format", "csv"])
            #expect(backlog.stdout.contains("'=HYPERLINK("), "\(backlog.stdout)")
        }
    }
}

import FirebreakTesting
import Foundation
import Testing

@testable import FirebreakCLI

/// A large Jira export shows, on a terminal, how much is read, the rows so far and the rate; piped,
/// nothing but the summary.
@Suite("Command line: progress of a large import")
struct ImportProgressCLITests {
    struct Case: Sendable {
        var rows: Int, bytes: Int, size: Int, seconds: Double
        var line: String
    }

    @Test(arguments: [
        Case(
            rows: 42_000, bytes: 60, size: 100, seconds: 5,
            line: "████████████░░░░░░░░ 60% · 42,000 rows · 8,400 rows/s"),
        Case(rows: 0, bytes: 0, size: 100, seconds: 0, line: "░░░░░░░░░░░░░░░░░░░░ 0% · 0 rows · … rows/s"),
        Case(rows: 999, bytes: 100, size: 100, seconds: 1, line: "████████████████████ 100% · 999 rows · 999 rows/s"),
        Case(
            rows: 1_234_567, bytes: 7, size: 0, seconds: 2,
            line: "████████████████████ 100% · 1,234,567 rows · 617,284 rows/s"),
    ])
    func theLineSaysHowFarAndHowFast(_ c: Case) {
        let line = Terminal.FileProgress.line(
            "Importing", rows: c.rows, bytes: c.bytes, size: c.size, seconds: c.seconds)
        #expect(line == "Importing " + c.line)
    }

    /// A 1.3 MiB export: in a pseudo-terminal (`script`) the progress line is drawn with its rows and
    /// rate; through a pipe it is not.
    @Test func aLargeFileShowsRowsAndRateOnATerminalOnly() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("fb-progress-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("big.csv")
            var csv = "Summary,Issue key,Issue Type,Status,Description\n"
            let padding = String(repeating: "x", count: 200)
            for n in 1...6_000 { csv += "Item \(n),OPS-\(n),Task,To Do,\(padding)\n" }
            try csv.write(to: file, atomically: true, encoding: .utf8)

            let piped = try cli.run(["import", file.path])
            #expect(piped.status == 0, "\(piped.stderr)")
            #expect(!piped.stderr.contains("rows/s"), "\(piped.stderr)")

            var terminal = cli
            terminal.executableOverride = URL(fileURLWithPath: "/usr/bin/script")
            let command = "\(CLIRunner.executable.path) import \(file.path)"
            let shown = try terminal.run(["-qec", command, "/dev/null"])
            #expect(shown.status == 0, "\(shown.stdout)")
            #expect(shown.stdout.contains("6,000 rows ·") && shown.stdout.contains("rows/s"), "\(shown.stdout)")
            #expect(shown.stdout.contains("6000 updated"), "\(shown.stdout)")
        }
    }
}

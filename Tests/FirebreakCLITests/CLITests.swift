import FirebreakStore
import FirebreakTesting
import Foundation
import Testing

/// The CLI as a user runs it: the real executable against a fresh database.
@Suite("Command line")
struct CLITests {
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fb-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    static let good = """
        # INC-3: Reminders were late
        - **Date:** 2026-05-04 09:00 UTC
        - **Outage time:** 00:30
        - **Severity:** SEV3
        - **Detected by:** customer
        - **Number of support tickets raised:** 12
        - **Categories:** monitoring

        ## Preventative measures and actions
        - [detect] Alert on the reminder queue age (estimate: 2)
        """

    @Test func aBadFileInAFolderOfGoodOnesFailsAloneAndNamesItsLine() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            let dir = try Self.folder([
                "a.md": Self.good,
                "b.md": "# INC-4: Broken\n\n- **Severity:** SEV9\n",  // on the SEV scale, out of range: an error
                "c.md": Self.good.replacingOccurrences(of: "INC-3", with: "INC-5"),
            ])
            defer { try? FileManager.default.removeItem(at: dir) }
            let result = try cli.run(["import", dir.path])
            #expect(result.status == 1)
            #expect(result.stderr == "\(dir.path)/b.md:3: severity \"SEV9\" is not one of SEV1..SEV4, P1..P4 or 1..4\n")
            #expect(
                result.stdout.contains(
                    "Imported 2 reports: 2 created, 0 updated; 2 actions created, 0 updated. 1 file failed."))
            let list = try cli.run(["incident", "list", "--format", "csv"])
            #expect(list.stdout.split(separator: "\r\n").map { $0.prefix(5) } == ["key,s", "INC-3", "INC-5"])
        }
    }

    /// Runs `body` with the CLI on a fresh database where team CORE has imported `good` from a folder.
    static func withGoodReportImported(_ body: @Sendable (CLIRunner, URL) throws -> Void) async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            _ = try cli.run(["team", "create", "CORE", "--name", "Core"])
            let dir = try Self.folder(["a.md": Self.good])
            defer { try? FileManager.default.removeItem(at: dir) }
            _ = try cli.run(["import", dir.path])
            try body(cli, dir)
        }
    }

    /// `-o` through a symbolic link replaces the target's content whole (no old tail), keeps the link,
    /// and leaves no temporary file behind.
    @Test func writingThroughASymbolicLinkReplacesTheWholeFile() async throws {
        try await Self.withGoodReportImported { cli, dir in
            let long = dir.appendingPathComponent("long.txt")
            try String(repeating: "old tail\n", count: 300_000).write(to: long, atomically: true, encoding: .utf8)
            let link = dir.appendingPathComponent("link.md")
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "long.txt")
            let result = try cli.run(["export", "report", "INC-3", "-o", link.path])
            #expect(result.status == 0)
            let expected = try cli.run(["export", "report", "INC-3"]).stdout
            #expect(try String(contentsOf: long, encoding: .utf8) == expected)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "long.txt")
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [
                    "a.md", "link.md", "long.txt",
                ])
        }
    }

    @Test func exportedReportRoundTripsThroughTheCLI() async throws {
        try await Self.withGoodReportImported { cli, dir in
            let exported = try cli.run(["export", "report", "INC-3"])
            #expect(exported.status == 0)
            #expect(exported.stdout.contains("- [detect] ACT-1: Alert on the reminder queue age (estimate: 2)"))
            let file = dir.appendingPathComponent("INC-3.md")
            #expect(try cli.run(["export", "report", "INC-3", "-o", file.path]).status == 0)
            let again = try cli.run(["import", file.path])
            #expect(again.stdout.contains("Imported 1 report: 0 created, 1 updated; 0 actions created, 1 updated."))
            #expect(try cli.run(["export", "report", "INC-3"]).stdout == exported.stdout)
        }
    }

    @Test func exitCodesFollowTheContract() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["incident", "show", "INC-404"]).status == 4)
            #expect(try cli.run(["incident", "show", "INC-404"]).stderr == "firebreak: no incident INC-404\n")
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 3)
            #expect(try cli.run(["team", "create", "core", "--name", "Core"]).status == 2)
            #expect(try cli.run(["action", "list", "--format", "yaml"]).status == 2)
            #expect(try cli.run(["--help"]).status == 0)
            #expect(try cli.run(["lint"]).status == 0)
            let dir = try Self.folder(["d.md": "# A draft\n- Detected by: customer\n"])
            defer { try? FileManager.default.removeItem(at: dir) }
            _ = try cli.run(["import", dir.path])
            let lint = try cli.run(["lint", "--format", "json"])
            #expect(lint.status == 1)
            #expect(
                lint.stdout.contains(
                    "\"message\" : \"draft: missing date, outage time, severity, number of support tickets raised\""))
        }
    }

    @Test func twoMigratesAtOnceOnAnEmptyDatabase() async throws {
        try await TestDatabase.withFresh(migrated: false) { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            async let a = Task { try cli.run(["db", "migrate"]) }.value
            async let b = Task { try cli.run(["db", "migrate"]) }.value
            let results = try await [a, b]
            #expect(results.map(\.status) == [0, 0])
            let applied = "Applied \(try Migrator.bundled().map(\.name).joined(separator: ", ")).\n"
            #expect(Set(results.map(\.stdout)) == [applied, "Up to date.\n"])
        }
    }

    @Test func demoLoadsTheSalonTeamAndCanRunAgain() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            let first = try cli.run(["demo"])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("25 outage reports from 2025-06-02 to 2026-11-20"))
            #expect(first.stdout.contains("49 preventative actions, 67 links"))
            #expect(first.stdout.contains("3 of them have no detect action (INC-5, INC-16, INC-22)"))
            let second = try cli.run(["demo"])
            #expect(second.status == 0)
            #expect(second.stdout.contains("49 preventative actions, 67 links"))
        }
    }
}

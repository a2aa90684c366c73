import FirebreakTesting
import Foundation
import Testing

/// `firebreak import` says of each report it leaves as a draft which facts it lacks, in its line and in
/// the summary, as `firebreak lint` names them: with `--dry-run` too, where nothing is written.
@Suite("Command line: the drafts an import leaves, and what each lacks")
struct ImportDraftsCLITests {
    static let published = """
        # INC-3: Reminders were late
        - **Date:** 2026-05-04 09:00 UTC
        - **Outage time:** 00:30
        - **Severity:** SEV3
        - **Number of support tickets raised:** 2
        - **Team:** CORE
        """

    @Test(arguments: [true, false])
    func theSummaryNamesWhatEachDraftLacks(dryRun: Bool) async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            let dir = try CLITests.folder([
                "a.md": "# PM2026-001: Search was down\n- **Date:** 2026-05-01 10:00 UTC\n- **Team:** CORE\n",
                "b.md": Self.published,
                "c.md": "# PM2026-002: Login was slow\n- **Severity:** SEV2\n- **Outage time:** 00:10\n",
            ])
            defer { try? FileManager.default.removeItem(at: dir) }
            let run = try cli.run(["import", dir.path, "--team", "CORE"] + (dryRun ? ["--dry-run"] : []))
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            let verb = dryRun ? "would create" : "created"
            #expect(lines.count == 4, "\(run.stdout)")
            #expect(
                lines.first?.hasPrefix(
                    "\(verb) PM2026-001 (draft: outage time, severity, number of support tickets raised) from ")
                    == true, "\(run.stdout)")
            let head =
                "\(dryRun ? "Would import" : "Imported") 3 reports: 3 created, 0 updated; 0 actions created, 0 updated."
            let drafts =
                " 2 drafts: PM2026-001 lacks outage time, severity, number of support tickets raised; "
                + "PM2026-002 lacks date, number of support tickets raised (see `firebreak lint`)."
            let tail = dryRun ? " Nothing was written (--dry-run)." : ""
            #expect(lines.last == head + drafts + tail)
        }
    }
}

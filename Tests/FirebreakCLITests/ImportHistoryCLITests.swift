import FirebreakTesting
import Foundation
import Testing

/// `action history` and `incident history` show what a report import changed, as they show `action set`
/// and `incident set`.
@Suite("Import history in the CLI")
struct ImportHistoryCLITests {
    static func report(estimate: Int, outage: String) -> String {
        """
        # INC-7: Booking API returned 502s

        - **Outage time:** \(outage)
        - **Severity:** SEV2
        - **Number of support tickets raised:** 38
        - **Categories:** capacity
        - **Team:** CORE

        ## Preventative measures and actions
        - [prevent] ACT-12: Autoscale the booking API (estimate: \(estimate))
        """
    }

    @Test func historiesShowWhatAReimportChanged() async throws {
        try await TestDatabase.withFresh { fresh in
            let cli = CLIRunner(databaseURL: fresh.url)
            #expect(try cli.run(["team", "create", "CORE", "--name", "Core"]).status == 0)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("inc-7-\(UUID().uuidString).md")
            defer { try? FileManager.default.removeItem(at: file) }
            for (estimate, outage) in [(3, "01:47"), (5, "01:30")] {
                try Data(Self.report(estimate: estimate, outage: outage).utf8).write(to: file)
                let imported = try cli.run(["import", file.path])
                #expect(imported.status == 0, "\(imported.stderr)")
            }
            let action = try cli.run(["action", "history", "ACT-12", "--format", "csv"])
            let lines = action.stdout.split(separator: "\r\n")
            #expect(lines.count == 3, "\(action.stdout)")
            #expect(lines.dropFirst().first?.contains("estimate none → 3;") == true, "\(action.stdout)")
            #expect(lines.last?.contains("estimate 3 → 5; report") == true, "\(action.stdout)")
            let incident = try cli.run(["incident", "history", "INC-7", "--format", "csv"])
            #expect(incident.stdout.contains("outageMinutes 107 → 90"), "\(incident.stdout)")
        }
    }
}

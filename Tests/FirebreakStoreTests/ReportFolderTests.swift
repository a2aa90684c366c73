import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@Suite("Importing folders of reports")
struct ReportFolderTests {
    static func files(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" && $0.lastPathComponent != "README.md" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func theDemoTeamsReportsAllImport() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let files = try Self.files(in: Fixtures.demoReports)
            #expect(files.count == 25)
            for file in files {
                try await Fixtures.importReport(String(contentsOf: file, encoding: .utf8), file: file.path, into: db)
            }
            #expect(try await Fixtures.count("SELECT count(*)::int FROM incidents", in: db) == 25)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM incidents WHERE status = 'draft'", in: db) == 1)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == 49)
            // ACT-14 (load test the Monday peak) is shared by five incidents.
            #expect(try await ActionStore(database: db).get("ACT-14").links.count == 5)
        }
    }

    /// The published post-mortems of `../shared/data/postmortems/`, when that folder is there.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.sharedData.path)))
    func realPostmortemsImportAsDraftsWithTheirActions() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            var actions: [String: Int] = [:]
            for file in try Self.files(in: Fixtures.sharedData.appendingPathComponent("postmortems")) {
                let text = try String(contentsOf: file, encoding: .utf8)
                let outcome = try await Fixtures.importReport(text, file: file.lastPathComponent, into: db)
                #expect(outcome.status == .draft)
                actions[file.lastPathComponent] = outcome.links
            }
            #expect(
                actions == [
                    "dastergon-template-michael-kehoe.md": 0, "dfds-PM2019-009-ip-starvation.md": 4,
                    "dfds-PM2021-006-503s.md": 3, "pagerduty-postmortem-template.md": 0,
                    "posthog-2025-09-29-flags-is-down.md": 9,
                ])
            let incidents = try await IncidentStore(database: db).list(team: nil)
            #expect(Set(incidents.map(\.key)) == ["PM2019-009", "PM2021-006", "INC-1", "INC-2", "INC-3"])
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions WHERE status = 'done'", in: db) == 2)
        }
    }
}

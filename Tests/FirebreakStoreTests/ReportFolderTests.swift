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

    struct Expected: Decodable {
        struct Action: Decodable { var done: Bool }
        var key: String?
        var actions: [Action]
    }

    static let postmortems = Fixtures.data.appendingPathComponent("postmortems")

    /// Every vendored post-mortem, imported as one folder: each is a draft (none states every number)
    /// with every action counted by hand, done ones done, and two reports with the same title and
    /// different starts (dfds PM2021-002 and PM2021-003) stay two incidents.
    @Test func realPostmortemsImportAsDraftsWithTheirActions() async throws {
        let expected = try JSONDecoder().decode(
            [String: Expected].self, from: Data(contentsOf: Self.postmortems.appendingPathComponent("expected.json")))
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let inputs = try expected.keys.sorted().map { file in
                let text = try String(contentsOf: Self.postmortems.appendingPathComponent(file), encoding: .utf8)
                return ReportInput(report: try OutageReportParser().parse(text, file: file), file: file, source: file)
            }
            let results = try await ReportImporter(database: db).importReports(inputs, team: nil, actor: "test")
            for (input, result) in zip(inputs, results) {
                let outcome = try result.get()
                #expect(outcome.status == .draft, "\(input.file)")
                #expect(outcome.links == expected[input.file]!.actions.count, "\(input.file)")
                #expect(outcome.created, "\(input.file) was merged into \(outcome.incident)")
            }
            let all = expected.values.flatMap(\.actions)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM incidents", in: db) == expected.count)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == all.count)
            #expect(
                try await Fixtures.count("SELECT count(*)::int FROM actions WHERE status = 'done'", in: db)
                    == all.filter(\.done).count)
            let keys = Set(try await IncidentStore(database: db).list(team: nil).map(\.key))
            #expect(keys.isSuperset(of: expected.values.compactMap(\.key)))
            #expect(keys.isSuperset(of: ["PM2021-002", "PM2021-003"]))
        }
    }

    /// The identity rule (DESIGN.md section 2): a report without a key is matched by its source file,
    /// else by the same title and start; the same title with another start is another incident.
    @Test func reportsWithoutKeysAreMatchedBySourceThenTitleAndStart() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            func report(_ date: String, outage: String = "00:30") -> String {
                "# Flux unintended version update\n\n- **Date:** \(date)\n- **Outage time:** \(outage)\n\n"
                    + "## Actions\n- Version lock Flux\n"
            }
            let importer = ReportImporter(database: db)
            func importText(_ text: String, source: String?) async throws -> ImportOutcome {
                try await importer.importReport(
                    try OutageReportParser().parse(text, file: source ?? "request"), source: source, team: nil,
                    actor: "test")
            }
            let first = try await importText(report("2021-02-15 06:05"), source: "a/flux.md")
            #expect(first.created && first.match == .new)
            // The same file again, now with another outage time: it updates the same incident.
            let again = try await importText(report("2021-02-15 06:05", outage: "00:55"), source: "a/flux.md")
            #expect(!again.created && again.match == .source && again.incident == first.incident)
            // Same title, another start, another file: a second outage.
            let second = try await importText(report("2021-02-19 08:35"), source: "b/flux.md")
            #expect(second.created && second.incident != first.incident)
            // No file name (an API client that sends none), same title and start: the same incident.
            let sameStart = try await importText(report("2021-02-19 08:35"), source: nil)
            #expect(!sameStart.created && sameStart.match == .titleAndStart && sameStart.incident == second.incident)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM incidents", in: db) == 2)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == 2)
        }
    }

    /// One import of many files resolves action keys across them whatever their order: a report that
    /// links ACT-581 is imported after the one that creates it, even when its file sorts first.
    @Test func linksAcrossFilesResolveInAnyOrder() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let creates = "# OUT-2: Creates\n\n## Actions\n- [detect] ACT-581: Alert on queue depth\n"
            let links = "# OUT-1: Links\n\n## Actions\n- ACT-581 (coverage: 0.5)\n"
            let inputs = try [("OUT-1.md", links), ("OUT-2.md", creates)].map { file, text in
                ReportInput(report: try OutageReportParser().parse(text, file: file), file: file, source: file)
            }
            let results = try await ReportImporter(database: db).importReports(inputs, team: nil, actor: "test")
            #expect(try results.map { try $0.get().links } == [1, 1])
            #expect(try await ActionStore(database: db).get("ACT-581").links.count == 2)
        }
    }

    /// A dry run says what would happen and writes nothing: the same counts by query before and after.
    @Test func aDryRunWritesNothing() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let files = try Self.files(in: Fixtures.demoReports)
            let inputs = try files.map { url in
                let text = try String(contentsOf: url, encoding: .utf8)
                let name = url.lastPathComponent
                return ReportInput(report: try OutageReportParser().parse(text, file: name), file: name, source: name)
            }
            let tables = ["incidents", "actions", "action_incidents", "audit_entries", "key_counters WHERE last > 0"]
            func counts() async throws -> [Int] {
                var result: [Int] = []
                for table in tables {
                    result.append(
                        try await Fixtures.count(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"), in: db)
                    )
                }
                return result
            }
            let before = try await counts()
            let results = try await ReportImporter(database: db).importReports(
                inputs, team: nil, actor: "test", dryRun: true)
            #expect(try results.filter { try $0.get().created }.count == 25)
            #expect(try await counts() == before)
        }
    }
}

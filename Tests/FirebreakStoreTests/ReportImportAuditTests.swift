import FirebreakCore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@testable import FirebreakStore

/// A report import records, in the history of each action the report lists, what it changed: every
/// field of an action it created (before none), only the changed fields of one it updated, nothing
/// but the report for one it left as it was. Both ways of importing (report by report, and in
/// segments of many reports) record the same.
@Suite("Report import audit: before and after")
struct ReportImportAuditTests {
    enum Path: String, CaseIterable, CustomTestStringConvertible {
        case segments, oneByOne
        var testDescription: String { rawValue }
    }

    static func report(
        _ key: String = "INC-7", estimate: Int = 3, owner: String? = nil, done: Bool = false, linkOnly: Bool = false,
        outage: String = "01:47", categories: String = "capacity"
    ) -> String {
        let attributes = ["estimate: \(estimate)", "due: 2026-04-01"] + (owner.map { ["owner: \($0)"] } ?? [])
        let bullet =
            linkOnly
            ? "- ACT-12 (coverage: 0.5)"
            : "- \(done ? "[x] " : "")[prevent] ACT-12: Autoscale the booking API (\(attributes.joined(separator: ", ")))"
        return """
            # \(key): Booking API returned 502s

            - **Outage time:** \(outage)
            - **Severity:** SEV2
            - **Number of support tickets raised:** 38
            - **Categories:** \(categories)
            - **Team:** CORE

            ## Preventative measures and actions
            \(bullet)
            - [detect] Alert on the booking API 5xx rate (estimate: 2)
            """
    }

    /// Imports `reports` (file name, text) in one import, by `path`; every report must import.
    static func importReports(_ reports: [(String, String)], by path: Path, into db: Database) async throws {
        let inputs = try reports.map { file, text in
            ReportInput(report: try OutageReportParser().parse(text, file: file), file: file, source: file)
        }
        var results: [Result<ImportOutcome, ReportError>] = []
        switch path {
        case .segments:
            results = try await ReportImporter(database: db).importReports(inputs, team: nil, actor: "test")
        case .oneByOne:
            for index in ReportImporter.order(inputs.map(\.report)) {
                let (_, result) = try await db.transaction { connection in
                    try await ReportImporter.importAlone(
                        index, inputs[index], team: nil, actor: "test", on: connection, logger: db.logger)
                }
                results.append(result)
            }
        }
        for result in results { _ = try result.get() }
    }

    /// The summaries of `key`'s `action.import` entries, oldest first, as `action history` shows them.
    static func imports(of key: String, in db: Database) async throws -> [String] {
        try await ClaimStore(database: db).history(key).filter { $0.verb == "action.import" }.map(\.summary)
    }

    static let created =
        #"category key none → "capacity"; due on none → "2026-04-01"; estimate none → 3; key none → "ACT-12"; "#
        + #"kind none → "prevent"; report "INC-7"; source "inc-7.md"; status none → "open"; team none → "CORE"; "#
        + #"title none → "Autoscale the booking API""#

    @Test(arguments: Path.allCases)
    func aCreatedActionRecordsEveryFieldWithBeforeNone(path: Path) async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Self.importReports([("inc-7.md", Self.report())], by: path, into: db)
            #expect(try await Self.imports(of: "ACT-12", in: db) == [Self.created])
            // Fields without a value (owner, external key) are not listed; every listed one was none.
            let details = try #require(
                try await ClaimStore(database: db).history("ACT-12").first { $0.verb == "action.import" }?.details)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(details.utf8)) as? [String: Any])
            #expect(object["owner"] == nil && object["external_key"] == nil)
            let changes = object.filter { $0.key != "report" && $0.key != "source" }
            #expect(changes.count == 8)
            #expect(changes.values.allSatisfy { ($0 as? [String: Any])?["before"] is NSNull })
        }
    }

    @Test(arguments: Path.allCases)
    func aChangedReportRecordsOnlyTheChangedFields(path: Path) async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Self.importReports([("inc-7.md", Self.report())], by: path, into: db)
            try await Self.importReports([("inc-7.md", Self.report(estimate: 5, owner: "alice"))], by: path, into: db)
            #expect(
                try await Self.imports(of: "ACT-12", in: db) == [
                    Self.created, #"estimate 3 → 5; owner none → "alice"; report "INC-7"; source "inc-7.md""#,
                ])
            // The other action, found by its title and left as it was, records only the report.
            let alert = try await Fixtures.rows(
                of: ["alert": "SELECT subject FROM audit_entries WHERE verb = 'action.import' AND subject <> 'ACT-12'"],
                in: db)["alert"]
            let key = try #require(alert?.first)
            #expect(try await Self.imports(of: key, in: db).last == #"report "INC-7"; source "inc-7.md""#)
        }
    }

    @Test(arguments: Path.allCases)
    func anUnchangedReimportRecordsNoChange(path: Path) async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Self.importReports([("inc-7.md", Self.report())], by: path, into: db)
            try await Self.importReports([("inc-7.md", Self.report())], by: path, into: db)
            let history = try await ClaimStore(database: db).history("ACT-12").filter { $0.verb == "action.import" }
            #expect(history.count == 2)
            #expect(history.last?.details == #"{"report": "INC-7", "source": "inc-7.md"}"#)
        }
    }

    /// The incident's own entry: a re-import records the incident's fields it changed, in the names
    /// `incident set` records them with, and nothing more when it changed none.
    @Test(arguments: Path.allCases)
    func aReimportRecordsTheIncidentsChangedFields(path: Path) async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Self.importReports([("inc-7.md", Self.report())], by: path, into: db)
            try await Self.importReports(
                [("inc-7.md", Self.report(outage: "01:30", categories: "capacity, monitoring"))], by: path, into: db)
            try await Self.importReports(
                [("inc-7.md", Self.report(outage: "01:30", categories: "capacity, monitoring"))], by: path, into: db)
            let history = try await IncidentStore(database: db).history("INC-7")
            #expect(history.map(\.verb) == ["import.create", "import.update", "import.update"])
            #expect(history.first?.summary == #"actions "2"; match "new"; source "inc-7.md""#)
            #expect(
                history.dropFirst().first?.summary
                    == #"actions "2"; categories ["capacity"] → ["capacity", "monitoring"]; match "key"; "#
                    + #"outageMinutes 107 → 90; source "inc-7.md""#)
            #expect(history.last?.summary == #"actions "2"; match "key"; source "inc-7.md""#)
        }
    }

    /// One import where four reports list the same action: one creates it, the others change it in
    /// turn (a segment writes it once). Each report's entry holds what that report changed, and both
    /// paths agree; then again over the first import, where the action existed before the segment.
    @Test func severalReportsChangingOneActionRecordEachStep() async throws {
        let reports = [
            ("a.md", Self.report("INC-1")),
            ("b.md", Self.report("INC-2", estimate: 5)),
            ("c.md", Self.report("INC-3", linkOnly: true)),
            ("d.md", Self.report("INC-4", estimate: 8, done: true)),
        ]
        var histories: [Path: [String]] = [:]
        for path in Path.allCases {
            histories[path] = try await TestDatabase.withFresh { fresh in
                let db = fresh.database
                try await Fixtures.team(in: db)
                try await Self.importReports(reports, by: path, into: db)
                try await Self.importReports(reports, by: path, into: db)
                return try await Self.imports(of: "ACT-12", in: db)
            }
        }
        let created = Self.created.replacingOccurrences(of: "INC-7", with: "INC-1").replacingOccurrences(
            of: "inc-7.md", with: "a.md")
        #expect(
            histories[.segments] == [
                created,
                #"estimate 3 → 5; report "INC-2"; source "b.md""#,
                #"report "INC-3"; source "c.md""#,
                #"estimate 5 → 8; report "INC-4"; source "d.md"; status "open" → "done""#,
                #"estimate 8 → 3; report "INC-1"; source "a.md""#,
                #"estimate 3 → 5; report "INC-2"; source "b.md""#,
                #"report "INC-3"; source "c.md""#,
                #"estimate 5 → 8; report "INC-4"; source "d.md""#,
            ])
        #expect(histories[.segments] == histories[.oneByOne])
    }
}

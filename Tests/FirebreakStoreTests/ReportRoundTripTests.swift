import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import Testing

/// `firebreak export report` and `firebreak import` are each other's inverse: for generated canonical
/// reports, exporting, importing into a new database and exporting again gives the same bytes, done
/// actions included.
@Suite("Report round trips")
struct ReportRoundTripTests {
    /// A canonical report with every field and attribute the format has, drawn from `random`.
    static func report(_ n: Int, random: inout SeededRandom) -> OutageReport {
        let words = ["queue", "booking", "payments", "cache", "deploy", "DNS", "TLS", "pool", "index", "Monday"]
        func phrase(_ count: Int) -> String {
            (0..<count).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
        }
        var report = OutageReport(
            key: "INC-\(n)", title: "Outage \(n): " + phrase(4), description: "The " + phrase(6) + ".",
            startedAt: Date(
                timeIntervalSince1970: 1_735_689_600 + Double(Int.random(in: 0..<500_000, using: &random) * 60)),
            outageMinutes: Int.random(in: 1...600, using: &random),
            severity: Severity.allCases.randomElement(using: &random),
            detectedBy: DetectionSource.allCases.randomElement(using: &random)!,
            tickets: Int.random(in: 0...80, using: &random),
            components: ["Online booking", "Payments"].shuffled(using: &random),
            categories: Array(["capacity", "monitoring", "deploy"].shuffled(using: &random).prefix(2)), team: "CORE",
            explanation: "It " + phrase(12) + ".\n\n- " + phrase(3), investigations: "We looked at " + phrase(5) + ".")
        for a in 0..<Int.random(in: 1...4, using: &random) {
            var action = ReportedAction(
                key: "ACT-\(n * 10 + a)", title: phrase(5).capitalized,
                kind: ActionKind.allCases.randomElement(using: &random))
            if Bool.random(using: &random) { action.estimate = Double(Int.random(in: 1...13, using: &random)) }
            if Bool.random(using: &random) { action.coverage = [0.25, 0.5, 0.75].randomElement(using: &random) }
            if Bool.random(using: &random) {
                action.due = CalendarDate(year: 2026, month: Int.random(in: 1...12, using: &random), day: 10)
            }
            if Bool.random(using: &random) { action.description = "Because " + phrase(7) + "." }
            action.completed = Int.random(in: 0..<4, using: &random) == 0
            report.actions.append(action)
        }
        return report
    }

    /// Imports each Markdown text into `database` and exports every report again, in key order.
    static func importAndExport(_ texts: [String], into database: Database) async throws -> [String] {
        let inputs = try texts.enumerated().map { i, text in
            ReportInput(
                report: try OutageReportParser().parse(text, file: "r\(i).md"), file: "r\(i).md", source: "r\(i).md")
        }
        let results = try await ReportImporter(database: database).importReports(inputs, team: nil, actor: "test")
        var out: [String] = []
        for result in results {
            let key = try result.get().incident
            out.append(OutageReportWriter.markdown(try await IncidentStore(database: database).report(key)))
        }
        return out
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func exportImportExportGivesTheSameBytes(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        let generated = (1...12).map { OutageReportWriter.markdown(Self.report($0, random: &random)) }
        let first = try await TestDatabase.withFresh { fresh in
            try await Fixtures.team(in: fresh.database)
            return try await Self.importAndExport(generated, into: fresh.database)
        }
        let second = try await TestDatabase.withFresh { fresh in
            try await Fixtures.team(in: fresh.database)
            return try await Self.importAndExport(first, into: fresh.database)
        }
        #expect(second == first)
        // Done actions are written back as done: the export keeps what the report said.
        #expect(
            first.joined().components(separatedBy: "- [x] ").count
                == generated.joined().components(separatedBy: "- [x] ").count)
    }

    /// The same reports saved with Windows line endings and a byte-order mark import identically.
    @Test func crlfAndByteOrderMarkImportIdentically() async throws {
        var random = SeededRandom(seed: 9)
        let generated = (1...6).map { OutageReportWriter.markdown(Self.report($0, random: &random)) }
        let windows = generated.map {
            "\u{FEFF}" + $0.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        }
        let unix = try await TestDatabase.withFresh { fresh in
            try await Fixtures.team(in: fresh.database)
            return try await Self.importAndExport(generated, into: fresh.database)
        }
        let crlf = try await TestDatabase.withFresh { fresh in
            try await Fixtures.team(in: fresh.database)
            return try await Self.importAndExport(windows, into: fresh.database)
        }
        #expect(crlf == unix)
    }
}

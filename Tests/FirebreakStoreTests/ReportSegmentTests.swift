import FirebreakCore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@testable import FirebreakStore

/// An import writes reports in segments (a few statements per table for many reports); it must
/// write exactly what importing them one at a time writes. Random folders full of the cases that
/// make a segment end or a report go alone (the same key, file or start twice, links to actions of
/// later files, unknown teams, categories and keys, actions listed twice, dependencies, titles the
/// schema refuses) are imported both ways into two databases, twice (the second time over the first),
/// and every table is compared, row by row, with the outcome of every report.
@Suite("Report import in segments")
struct ReportSegmentTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func segmentsWriteWhatReportByReportWrites(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        let first = Self.folder(40, random: &random)
        let second = Self.folder(40, random: &random)
        let segments = try await Self.importTwice(first, second, oneByOne: false)
        let alone = try await Self.importTwice(first, second, oneByOne: true)
        #expect(segments.outcomes == alone.outcomes)
        for (table, rows) in alone.tables {
            let other = segments.tables[table] ?? []
            // Only the rows that differ, in a failure's message.
            #expect(
                other == rows,
                "\(table): only in segments \(other.filter { !rows.contains($0) }), only one by one \(rows.filter { !other.contains($0) })"
            )
        }
        // The action entries compared hold what each report changed: created actions (before
        // null) and changed ones (a value before).
        let imports = alone.tables["action_imports"] ?? []
        #expect(imports.contains { $0.contains(#"""before"": null"#) })
        #expect(
            imports.contains { row in
                row.components(separatedBy: #"""before"": "#).dropFirst().contains { !$0.hasPrefix("null") }
            })
        // The folders are hard enough: some reports fail, some create, some update.
        let outcomes = alone.outcomes.compactMap { try? $0.get() }
        #expect(outcomes.count < alone.outcomes.count)
        #expect(outcomes.contains { $0.created } && outcomes.contains { !$0.created })
    }

    struct Imported {
        var outcomes: [Result<ImportOutcome, ReportError>]
        var tables: [String: [String]]
    }

    /// Imports `first`, then `second`, into a fresh database with two teams (CORE has the alias
    /// Critical=SEV1): in segments, or report by report in the order an import takes them.
    static func importTwice(_ first: [ReportInput], _ second: [ReportInput], oneByOne: Bool) async throws -> Imported {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team("CORE", in: db)
            try await Fixtures.team("OPS", in: db)
            try await TeamStore(database: db).update("CORE", actor: "t") { $0.setSeverityAlias("critical", to: .sev1) }
            var outcomes: [Result<ImportOutcome, ReportError>] = []
            for inputs in [first, second] {
                if oneByOne {
                    var results = [Result<ImportOutcome, ReportError>?](repeating: nil, count: inputs.count)
                    for index in ReportImporter.order(inputs.map(\.report)) {
                        let (i, result) = try await db.transaction { connection in
                            try await ReportImporter.importAlone(
                                index, inputs[index], team: nil, actor: "t", on: connection, logger: db.logger)
                        }
                        results[i] = result
                    }
                    outcomes += results.map { $0! }
                } else {
                    outcomes += try await ReportImporter(database: db).importReports(inputs, team: nil, actor: "t")
                }
            }
            return Imported(outcomes: outcomes, tables: try await Self.tables(db))
        }
    }

    /// Every table an import writes, as text rows in a stable order, with keys instead of ids.
    static func tables(_ db: Database) async throws -> [String: [String]] {
        let queries: [String: String] = [
            "incidents": """
            SELECT row(i.key, i.title, i.description, i.started_at, i.outage_minutes, i.severity, i.detected_by,
                i.tickets, i.explanation, i.investigations, i.status, t.key, i.source, i.version)::text
            FROM incidents i JOIN teams t ON t.id = i.team_id ORDER BY i.key
            """,
            "actions": """
            SELECT row(a.key, a.title, a.description, a.kind, a.category_key, a.estimate, a.status, a.owner,
                a.due_on, a.external_key, t.key, a.version)::text
            FROM actions a JOIN teams t ON t.id = a.team_id ORDER BY a.key
            """,
            "links": """
            SELECT row(a.key, i.key, l.coverage, l.position)::text FROM action_incidents l
            JOIN actions a ON a.id = l.action_id JOIN incidents i ON i.id = l.incident_id ORDER BY a.key, i.key
            """,
            "components": """
            SELECT row(c.name, t.key)::text FROM components c LEFT JOIN teams t ON t.id = c.team_id ORDER BY c.name
            """,
            "incident_components": """
            SELECT row(i.key, c.name, x.position)::text FROM incident_components x
            JOIN incidents i ON i.id = x.incident_id JOIN components c ON c.id = x.component_id ORDER BY 1
            """,
            "incident_categories": """
            SELECT row(i.key, x.category_key, x.position)::text FROM incident_categories x
            JOIN incidents i ON i.id = x.incident_id ORDER BY 1
            """,
            "dependencies": """
            SELECT row(a.key, b.key)::text FROM action_dependencies d
            JOIN actions a ON a.id = d.action_id JOIN actions b ON b.id = d.depends_on_id ORDER BY 1
            """,
            "key_counters": "SELECT row(prefix, last)::text FROM key_counters ORDER BY prefix",
            "audit_entries": """
            SELECT row(actor, verb, subject, team_id, details)::text FROM audit_entries
            WHERE verb LIKE 'import%' ORDER BY id
            """,
            // Each file writes its actions' entries after its own; a segment, after all of its files'.
            "action_imports": """
            SELECT row(actor, verb, subject, team_id, details)::text FROM audit_entries
            WHERE verb = 'action.import' ORDER BY 1
            """,
        ]
        return try await Fixtures.rows(of: queries, in: db)
    }

    /// `count` reports drawn from small pools of keys, files, titles, starts and actions, so that
    /// they collide with each other and with the reports of another folder.
    static func folder(_ count: Int, random: inout SeededRandom) -> [ReportInput] {
        func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &random)] }
        let titles = ["Checkout was slow", "Queue stalled", "Booking API 502s", "Login loop"]
        let starts = (1...9).map { "2026-03-0\($0) 08:55" }
        let actionTitles = ["Alert on queue depth", "Add a cache", "Autoscale the API", "Runbook for failover"]
        var inputs: [ReportInput] = []
        for n in 0..<count {
            var text = "# "
            if chance(60) { text += "INC-\(Int.random(in: 1...12, using: &random)): " }
            text += chance(3) ? String(repeating: "Huge ", count: 101) : pick(titles)
            text += "\n\n"
            if chance(75) { text += "- **Date:** \(pick(starts)) UTC\n" }
            if chance(80) { text += "- **Outage time:** 00:\(10 + Int.random(in: 0...49, using: &random))\n" }
            text += "- **Severity:** \(pick(["SEV1", "SEV3", "Critical", "Blocker"]))\n"
            if chance(80) {
                text += "- **Number of support tickets raised:** \(Int.random(in: 0...9, using: &random))\n"
            }
            text +=
                "- **Affected functionality:** \(pick(["Payments", "payments, Search", "Search, Login", "Login"]))\n"
            text += "- **Categories:** \(pick(["capacity", "monitoring, deploy", "deploy", "dns"]))\n"
            if !chance(5) { text += "- **Team:** \(chance(5) ? "XYZ" : pick(["CORE", "CORE", "OPS"]))\n" }
            text += "\n## Preventative measures and actions\n"
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let key = "ACT-\(Int.random(in: 1...20, using: &random))"
                var attributes = ["estimate: \(pick([1, 2, 3, 5]))"]
                if chance(30) { attributes.append("coverage: \(pick(["0.5", "0.25"]))") }
                if chance(20) { attributes.append("due: 2026-0\(Int.random(in: 1...9, using: &random))-01") }
                if chance(10) { attributes.append("owner: \(pick(["alice", "bob"]))") }
                if chance(4) { attributes.append("depends: ACT-\(Int.random(in: 1...20, using: &random))") }
                let done = chance(15) ? "[x] " : ""
                let kind = pick(["[detect] ", "[prevent] ", ""])
                switch Int.random(in: 0..<3, using: &random) {
                case 0: text += "- \(key) (coverage: 0.5)\n"
                case 1:
                    text += "- \(done)\(kind)\(key): \(pick(actionTitles)) (\(attributes.joined(separator: ", ")))\n"
                default: text += "- \(done)\(kind)\(pick(actionTitles)) (\(attributes.joined(separator: ", ")))\n"
                }
            }
            let file = chance(50) ? "r\(n).md" : "shared-\(Int.random(in: 1...4, using: &random)).md"
            guard let report = try? OutageReportParser().parse(text, file: file) else { continue }
            inputs.append(ReportInput(report: report, file: file, source: chance(90) ? file : nil))
        }
        return inputs
    }
}

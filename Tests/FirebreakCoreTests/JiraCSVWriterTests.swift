import FirebreakCore
import Foundation
import Testing

@Suite("Jira CSV writer")
struct JiraCSVWriterTests {
    static func item(
        _ key: String, title: String, sprint: String? = "CORE Sprint 24", incidents: [String] = ["INC-1"]
    )
        -> JiraExportItem
    {
        JiraExportItem(
            key: key, title: title, description: "", kind: .detect, category: "monitoring", estimate: 2, effort: 2,
            value: 100, priority: 50, rank: 1, sprint: sprint, sprintNumber: 24, improvementSprint: true,
            assigneeEmail: "amara@example.com", due: CalendarDate("2026-12-18"),
            incidents: incidents.map {
                .init(key: $0, title: "Booking API down", outageMinutes: 107, tickets: 38, coverage: 0.5)
            }, components: ["Online booking", "Payments"])
    }

    static func export(_ items: [JiraExportItem], options: JiraCSVOptions = JiraCSVOptions()) -> String {
        let writer = JiraCSVWriter(options: options, labelColumns: 4, componentColumns: 2)
        var out = ""
        writer.writeHeader(to: &out)
        if options.epics == .sprint {
            writer.writeEpic(
                id: 1, summary: "CORE Sprint 24: improvement sprint", description: "d", labels: ["firebreak"], to: &out)
        }
        for (i, item) in items.enumerated() {
            writer.writeItem(
                item, id: i + 2, parent: options.epics == .sprint ? 1 : nil,
                priority: JiraCSVWriter.priority(position: i, of: items.count), to: &out)
        }
        return out
    }

    @Test func readsBackWithAStrictParser() throws {
        let hostile = [
            Self.item("ACT-1", title: "=HYPERLINK(\"http://x\")"),
            Self.item("ACT-2", title: "+1, or -1; \"quoted\"\nnext line"),
            Self.item("ACT-3", title: "@mention"), Self.item("ACT-4", title: "\tTabbed"),
            Self.item("ACT-5", title: String(repeating: "é", count: 300)),
        ]
        let text = Self.export(hostile, options: JiraCSVOptions(epics: .sprint))
        #expect(!text.hasPrefix("\u{FEFF}"))
        #expect(text.hasSuffix("\r\n"))
        let records = try CSVReader.records(text, file: "plan.csv")
        let header = records[0].fields
        #expect(
            header == [
                "Issue ID", "Parent", "Issue Type", "Summary", "Description", "Priority", "Labels", "Labels", "Labels",
                "Labels", "Component/s", "Component/s", "Sprint", "Story Points", "Assignee", "Due Date",
            ])
        #expect(records.allSatisfy { $0.fields.count == header.count })
        #expect(records[1].fields[2] == "Epic")  // epics first
        let rows = records.dropFirst(2).map(\.fields)
        #expect(rows.map { $0[1] } == ["1", "1", "1", "1", "1"])
        #expect(
            rows.map { $0[3] }.prefix(4) == [
                "'=HYPERLINK(\"http://x\")", "'+1, or -1; \"quoted\"\nnext line", "'@mention", "'\tTabbed",
            ])
        #expect(rows[4][3].count == 255 && rows[4][3].hasSuffix("…"))
        #expect(rows[0][6...9] == ["firebreak", "monitoring", "INC-1", ""])
        #expect(
            rows[0][10...15] == [
                "Online booking", "Payments", "CORE Sprint 24", "2", "amara@example.com", "2026-12-18",
            ])
        #expect(rows[0][4].contains("INC-1 Booking API down: 01:47 of outage, 38 support tickets, coverage 0.5"))
        #expect(rows.map { $0[5] } == ["Highest", "High", "Medium", "Medium", "Low"])
    }

    @Test func rawLeavesCellsAsTheyAre() throws {
        let text = Self.export([Self.item("ACT-1", title: "-2% error budget")], options: JiraCSVOptions(raw: true))
        #expect(try CSVReader.records(text, file: "raw.csv")[1].fields[3] == "-2% error budget")
    }

    @Test func labelsHoldNoSpacesAndDescriptionsAreCut() throws {
        var item = Self.item("ACT-1", title: "t")
        item.category = "weird category"
        item.description = String(repeating: "x", count: 40_000)
        let fields = try CSVReader.records(Self.export([item]), file: "f.csv")[1].fields
        #expect(fields[7] == "weird-category")
        #expect(fields[4].count == JiraCSVWriter.descriptionLimit)
    }

    @Test(arguments: [
        (0, 100, "Highest"), (9, 100, "Highest"), (10, 100, "High"), (29, 100, "High"), (30, 100, "Medium"),
        (69, 100, "Medium"), (70, 100, "Low"), (90, 100, "Lowest"), (0, 1, "Highest"),
    ])
    func prioritiesFromTheRank(position: Int, total: Int, priority: String) {
        #expect(JiraCSVWriter.priority(position: position, of: total) == priority)
    }
}

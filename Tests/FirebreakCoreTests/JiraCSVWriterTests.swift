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
                "Issue ID", "Issue key", "Parent", "Issue Type", "Summary", "Description", "Priority", "Labels",
                "Labels", "Labels", "Labels", "Component/s", "Component/s", "Sprint", "Story Points", "Assignee",
                "Due Date",
            ])
        #expect(records.allSatisfy { $0.fields.count == header.count })
        #expect(records[1].fields[3] == "Epic" && records[1].fields[1] == "")  // epics first, with no key
        let rows = records.dropFirst(2).map(\.fields)
        #expect(rows.map { $0[1] } == ["", "", "", "", ""])  // not in Jira yet: Jira creates them
        #expect(rows.map { $0[2] } == ["1", "1", "1", "1", "1"])
        #expect(
            rows.map { $0[4] }.prefix(4) == [
                "'=HYPERLINK(\"http://x\")", "'+1, or -1; \"quoted\"\nnext line", "'@mention", "'\tTabbed",
            ])
        #expect(rows[4][4].count == 255 && rows[4][4].hasSuffix("…"))
        #expect(rows[0][7...10] == ["firebreak", "monitoring", "INC-1", ""])
        #expect(
            rows[0][11...16] == [
                "Online booking", "Payments", "CORE Sprint 24", "2", "amara@example.com", "2026-12-18",
            ])
        #expect(rows[0][5].contains("INC-1 Booking API down: 01:47 of outage, 38 support tickets, coverage 0.5"))
        #expect(rows.map { $0[6] } == ["Highest", "High", "Medium", "Medium", "Low"])
    }

    @Test func rawLeavesCellsAsTheyAre() throws {
        let text = Self.export([Self.item("ACT-1", title: "-2% error budget")], options: JiraCSVOptions(raw: true))
        #expect(try CSVReader.records(text, file: "raw.csv")[1].fields[4] == "-2% error budget")
    }

    @Test func labelsHoldNoSpacesAndDescriptionsAreCut() throws {
        var item = Self.item("ACT-1", title: "t")
        item.category = "weird category"
        item.description = String(repeating: "x", count: 40_000)
        let fields = try CSVReader.records(Self.export([item]), file: "f.csv")[1].fields
        #expect(fields[8] == "weird-category")
        #expect(fields[5].count == JiraCSVWriter.descriptionLimit)
    }

    /// An item from Jira: its key (so Jira updates the issue), its own labels after Firebreak's without
    /// repeats, its own components before the incidents', its sprints with the plan's last.
    @Test func anItemFromJiraKeepsItsKeyLabelsComponentsAndSprints() throws {
        var item = Self.item("OPS-101", title: "Alert on 5xx", sprint: "CORE Sprint 24", incidents: ["INC-7"])
        item.externalKey = "OPS-101"
        item.jiraLabels = ["firebreak", "monitoring", "INC-7", "tech-debt"]
        item.jiraComponents = ["Payments", "Notifications"]
        item.jiraSprints = ["OPS Sprint 14", "CORE Sprint 24", "OPS Sprint 15"]
        var backlog = Self.item("OPS-103", title: "Upgrade the client", sprint: nil, incidents: [])
        backlog.externalKey = "OPS-103"
        backlog.jiraSprints = ["OPS Sprint 14"]
        backlog.components = []
        let writer = JiraCSVWriter(options: JiraCSVOptions(), labelColumns: 5, componentColumns: 3, sprintColumns: 3)
        var out = ""
        writer.writeHeader(to: &out)
        writer.writeItem(item, id: 1, parent: nil, priority: "High", to: &out)
        writer.writeItem(backlog, id: 2, parent: nil, priority: "Low", to: &out)
        let records = try CSVReader.records(out, file: "plan.csv")
        let header = records[0].fields
        #expect(header.filter { $0 == "Sprint" }.count == 3 && header[1] == "Issue key")
        func cells(_ row: Int, _ name: String) -> [String] {
            header.indices.filter { header[$0] == name }.map { records[row].fields[$0] }
        }
        #expect(cells(1, "Issue key") == ["OPS-101"])
        #expect(cells(1, "Labels") == ["firebreak", "monitoring", "INC-7", "tech-debt", ""])
        #expect(cells(1, "Component/s") == ["Payments", "Notifications", "Online booking"])
        #expect(cells(1, "Sprint") == ["OPS Sprint 14", "OPS Sprint 15", "CORE Sprint 24"])
        #expect(cells(2, "Issue key") == ["OPS-103"])
        #expect(cells(2, "Sprint") == ["OPS Sprint 14", "", ""])
        #expect(cells(2, "Component/s") == ["", "", ""])
    }

    @Test(arguments: [
        (
            "Firebreak ACT-1 (detect), rank 1, not planned yet.\n\nScore: x. See `firebreak backlog --explain ACT-1`.",
            ""
        ),
        (
            "Own text\r\n\r\nFirebreak OPS-7 (prevent), rank 2, planned in S.\r\n\r\nWould have prevented:\r\n- "
                + "INC-7 x\r\n\r\nScore: y. See `firebreak backlog --explain OPS-7`.\r\n", "Own text"
        ),
        (
            "Firebreak ACT-1 (detect), rank 1. See `firebreak backlog --explain ACT-2`.",
            "Firebreak ACT-1 (detect), rank 1. See `firebreak backlog --explain ACT-2`."
        ),
        (
            "Mentions Firebreak ACT-1 (detect) inline. See `firebreak backlog --explain ACT-1`.",
            "Mentions Firebreak ACT-1 (detect) inline. See `firebreak backlog --explain ACT-1`."
        ),
        (
            "Cut by Jira\n\nFirebreak ACT-1 (detect), rank 1, planned in S.\n\nWould have prev",
            "Cut by Jira\n\nFirebreak ACT-1 (detect), rank 1, planned in S.\n\nWould have prev"
        ),
        ("  Plain text  \n", "Plain text"),
    ])
    func ownDescriptionDropsWhatTheExportAdded(text: String, own: String) {
        #expect(JiraCSVWriter.ownDescription(text) == own)
    }

    /// What the writer adds, the reader's helper takes away again.
    @Test func ownDescriptionUndoesDescription() {
        var item = Self.item("ACT-4", title: "t")
        item.description = "Line one.\n\nLine two, with Firebreak ACT-4 (prevent) in it."
        #expect(JiraCSVWriter.ownDescription(JiraCSVWriter.description(item)) == item.description)
        item.description = "Firebreak ACT-4 (prevent), rank 9: a paragraph of the item's own."
        #expect(JiraCSVWriter.ownDescription(JiraCSVWriter.description(item)) == item.description)
        item.description = ""
        #expect(JiraCSVWriter.ownDescription(JiraCSVWriter.description(item)) == "")
    }

    @Test(arguments: [
        (0, 100, "Highest"), (9, 100, "Highest"), (10, 100, "High"), (29, 100, "High"), (30, 100, "Medium"),
        (69, 100, "Medium"), (70, 100, "Low"), (90, 100, "Lowest"), (0, 1, "Highest"),
    ])
    func prioritiesFromTheRank(position: Int, total: Int, priority: String) {
        #expect(JiraCSVWriter.priority(position: position, of: total) == priority)
    }
}

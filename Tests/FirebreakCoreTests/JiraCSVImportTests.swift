import FirebreakCore
import Foundation
import Testing

/// Jira's CSV exports read into issues: dates, statuses, estimates, repeated columns, parents, errors.
@Suite("Jira CSV import")
struct JiraCSVImportTests {
    static func read(_ text: String) throws -> [JiraIssue] { try JiraCSVImport.read(text, file: "jira.csv") }

    /// One issue from a header and a row.
    static func issue(_ header: String, _ row: String) throws -> JiraIssue {
        let issues = try read(header + "\n" + row + "\n")
        try #require(issues.count == 1)
        return issues[0]
    }

    @Test(
        arguments: [
            ("22/Sep/25 9:26 AM", "2025-09-22", 566), ("30/Mar/18", "2018-03-30", nil),
            ("13/Mar/26 12:00 AM", "2026-03-13", 0),
            ("13/Mar/26 12:30 PM", "2026-03-13", 750), ("1/Jan/26 11:59 PM", "2026-01-01", 1439),
            ("02/Mar/26 9:05 am", "2026-03-02", 545), ("29/Feb/24", "2024-02-29", nil),
            ("22/SEP/2025 21:05", "2025-09-22", 1265),
            ("2026-03-13", "2026-03-13", nil), ("2026-03-13 09:26", "2026-03-13", 566),
            ("2026-03-13T09:26:59", "2026-03-13", 566),
            (" 14/Feb/18 10:02 AM ", "2018-02-14", 602),
        ] as [(String, String, Int?)])
    func readsDates(text: String, day: String, minutes: Int?) throws {
        let date = try #require(JiraDate.parse(text))
        #expect(date.day.description == day)
        #expect(date.minutes == minutes)
    }

    @Test(arguments: [
        "", "31/Feb/26", "29/Feb/25", "22/Sept/25", "22/Sep/5", "22/Sep/25 13:00 PM", "22/Sep/25 0:30 AM",
        "22/Sep/25 9:26 XM", "22/Sep/25 9:6 AM", "13/Mar/26 24:00", "22-Sep-25", "2026-3-13", "2026-03-13 9:26",
        "2026-03-13 09:26 AM", "+2/Sep/25", "22/Sep/25 9:26 AM extra", "Sep 22, 2025",
    ])
    func rejectsWhatIsNotADate(_ text: String) {
        #expect(JiraDate.parse(text) == nil)
    }

    @Test func datesBecomeInstantsInUTCAndDaysForTheDueDate() throws {
        let issue = try Self.issue(
            "Summary,Issue key,Created,Resolved,Due date",
            "A,OPS-1,22/Sep/25 9:26 AM,2025-09-23 17:00,13/Mar/26 12:00 AM")
        #expect(issue.created == ReportDate.parse("2025-09-22 09:26"))
        #expect(issue.resolved == ReportDate.parse("2025-09-23 17:00"))
        #expect(issue.updated == nil)
        #expect(issue.due == CalendarDate("2026-03-13"))
    }

    @Test(arguments: [
        ("To Do", "", "", ActionStatus.open), ("In Progress", "", "In Progress", .open),
        ("Done", "Done", "Done", .done),
        ("Resolved", "Fixed", "", .done), ("Closed", "Fixed", "", .done), ("closed", "", "", .done),
        ("Shipped", "", "Done", .done), ("In Review", "", "In Progress", .open),
        ("Won't Do", "Won't Do", "Done", .wontfix),
        ("Closed", "Won't Fix", "Done", .wontfix), ("Closed", "Duplicate", "", .wontfix),
        ("Declined", "", "", .wontfix),
        ("Rejected", "", "", .wontfix), ("Wont Do", "", "", .wontfix), ("Done", "Cannot Reproduce", "Done", .wontfix),
        ("Won\u{2019}t Do", "", "", .wontfix), ("Backlog", "", "To Do", .open), ("Done", "Incomplete", "", .wontfix),
    ])
    func mapsStatuses(status: String, resolution: String, category: String, expected: ActionStatus) throws {
        let issue = try Self.issue(
            "Summary,Issue key,Status,Resolution,Status Category", "A,OPS-1,\(status),\(resolution),\(category)")
        #expect(issue.firebreakStatus == expected)
        #expect(issue.status == status)
        #expect(issue.resolution == (resolution.isEmpty ? nil : resolution))
    }

    /// Issue #12: cancelled and aborted issues (status category Done) were stored as done.
    /// Resolution decides when there is one; a won't-fix-like status or resolution wins over Done.
    @Test(arguments: [
        ("Cancelled", "", "Done", ActionStatus.wontfix), ("Aborted", "", "Done", .wontfix),
        ("Canceled", "Done", "Done", .wontfix), ("CANCELLED", "", "", .wontfix),
        ("Done", "Cancelled", "Done", .wontfix),
        ("Done", "Aborted", "", .wontfix), ("Done", "Rejected", "Done", .wontfix),
        ("Done", "Won't Do", "Done", .wontfix),
        ("Resolved", "Duplicate", "Done", .wontfix), ("Closed", "won't do", "", .wontfix),
        ("Done", "Done", "Done", .done),
        ("Closed", "Fixed", "Done", .done), ("Resolved", "Resolved", "", .done), ("DONE", "FIXED", "", .done),
        ("Complete", "", "", .done), ("Fixed", "", "", .done), ("In Review", "Fixed", "In Progress", .done),
        ("Reopened", "Done", "To Do", .done), ("Done", "Unresolved", "Done", .done),
        ("To Do", "Unresolved", "To Do", .open),
        ("Rejected", "", "In Progress", .open), ("Rejected", "", "Done", .wontfix), ("Selected", "", "To Do", .open),
    ])
    func mapsResolutionsAndCancelledStatuses(
        status: String, resolution: String, category: String, expected: ActionStatus
    ) throws {
        let issue = try Self.issue(
            "Summary,Issue key,Status,Resolution,Status Category", "A,OPS-1,\(status),\(resolution),\(category)")
        #expect(issue.firebreakStatus == expected)
    }

    /// Issue #12: a file saved by a spreadsheet ends in hundreds of rows of only commas; they, and
    /// rows with neither key nor summary, are not issues and must not refuse the file.
    @Test func skipsRowsWithNeitherKeyNorSummary() throws {
        let header = "Summary,Issue key,Status,Labels,Sprint"
        var text = header + "\r\nA,OPS-1,To Do,l1,S1\r\n,,,,\r\nB,OPS-2,Done,,\r\n"
        text += String(repeating: ",,,,\r\n", count: 739)
        text += " , ,\t,,\r\n,,\r\n,,,,,,\r\n\r\n,,Done,stray,\r\n"
        let issues = try Self.read(text)
        #expect(issues.map(\.key) == ["OPS-1", "OPS-2"])
        #expect(issues.map(\.line) == [2, 4])
        // A spreadsheet's save can add an empty cell past the header's last column; a cell with text
        // there is still refused.
        #expect(try Self.read(header + "\nA,OPS-1,To Do,l1,S1,\nB,OPS-2,Done,,,,\n").map(\.key) == ["OPS-1", "OPS-2"])
        #expect(throws: CSVError(file: "jira.csv", line: 2, reason: "row has 6 cells; the header has 5")) {
            try Self.read(header + "\nA,OPS-1,To Do,l1,S1,extra\n")
        }
        // Rows skipped, not hidden: a row with a key or a summary is still checked.
        #expect(throws: CSVError(file: "jira.csv", line: 3, reason: "column 2 \"Issue key\": is empty")) {
            try Self.read(header + "\nA,OPS-1,,,\nB,,,,\n,,,,\n")
        }
    }

    /// Which multi-value columns an export has: an import replaces only those.
    @Test func saysWhichListColumnsTheExportHas() throws {
        #expect(try Self.issue("Summary,Issue key", "A,OPS-1").listColumns == [])
        #expect(try Self.issue("Summary,Issue key,Labels", "A,OPS-1,").listColumns == [.labels])
        #expect(
            try Self.issue("Summary,Issue key,Components,Sprint", "A,OPS-1,c,").listColumns == [.components, .sprints])
        #expect(try Self.issue("Summary,Issue key,Component/s,Labels,Sprint", "A,OPS-1,,,").listColumns == .all)
    }

    @Test(
        arguments: [
            ("2.0", "", "", 2), ("", "8.0", "", 8), ("3.0", "5.0", "", 3), ("", "", "144000", 6.67),
            ("", "", "57600", 2.67),
            ("", "", "28800", 1.33), ("", "", "14400", 0.67), ("8.0", "", "144000", 8), ("", "5", "57600", 5),
            ("0", "", "3600", 0.17), ("0", "2", "", 2), ("", "", "60", nil), ("0", "", "", nil),
            ("2,5", "", "", 2.5), ("", "", "", nil), ("", "", "144000.0", 6.67), ("1000", "", "", 1000),
        ] as [(String, String, String, Double?)])
    func estimatesFromPointsElseOriginalEstimate(
        points: String, pointEstimate: String, seconds: String, expected: Double?
    )
        throws
    {
        let issue = try Self.issue(
            "Summary,Issue key,Custom field (Story Points),Custom field (Story point estimate),Original Estimate",
            "A,OPS-1,\"\(points)\",\(pointEstimate),\(seconds)")
        #expect(issue.estimate == expected)
    }

    @Test(arguments: [
        ("Sub-task", true, false), ("Subtask", true, false), ("Technical Sub-Task", true, false),
        ("Task", false, false),
        ("Epic", false, true), ("epic", false, true), ("Story", false, false), ("", false, false),
    ])
    func knowsEpicsAndSubtasks(type: String, subtask: Bool, epic: Bool) {
        let issue = JiraIssue(key: "OPS-1", summary: "A", issueType: type)
        #expect(issue.isSubtask == subtask)
        #expect(issue.isEpic == epic)
    }

    @Test func readsRepeatedColumnsByPositionAndNamesWithoutCase() throws {
        let issue = try Self.issue(
            "summary,LABELS,Issue KEY,Labels,Sprint,Component/s,Labels,Components,sprint,Comment,Comment,Custom Field (Sprint)",
            "A,l1,OPS-1,,S1,c1,l3,c2,,,\"1/Mar/26;acc;hello, world\",S3")
        #expect(issue.key == "OPS-1")
        #expect(issue.labels == ["l1", "l3"])
        #expect(issue.sprints == ["S1", "S3"])
        #expect(issue.components == ["c1", "c2"])
        #expect(issue.comments == ["1/Mar/26;acc;hello, world"])
    }

    @Test func keepsMultiLineCellsAndCountsTheirLines() throws {
        let text =
            "Summary,Issue key,Description\r\n\"Two\r\nlines\",OPS-1,\"a\r\nb\nc\"\r\nNext,OPS-2,\"\"\"quoted\"\", too\"\r\n"
        let issues = try Self.read(text)
        try #require(issues.count == 2)
        #expect(issues[0].summary == "Two\r\nlines")
        #expect(issues[0].description == "a\nb\nc")  // line breaks as line feeds, however the file wrote them
        #expect(issues.map(\.line) == [2, 6])
        #expect(issues[1].description == "\"quoted\", too")
    }

    @Test func skipsEmptyLinesAndReadsAByteOrderMark() throws {
        let issues = try Self.read("\u{FEFF}Summary,Issue key\n\nA,OPS-1\n\nB,OPS-2\n\n")
        #expect(issues.map(\.key) == ["OPS-1", "OPS-2"])
        #expect(issues.map(\.line) == [3, 5])
    }

    @Test func resolvesParents() throws {
        let issues = try Self.read(
            """
            Summary,Issue key,Issue id,Parent id,Parent,Parent key,Custom field (Epic Link)
            Child before its parent,OPS-2,102,101,,,
            Parent,OPS-1,101,,,,
            Key wins,OPS-3,103,,101,OPS-9,OPS-8
            Cloud parent id,OPS-4,104,,102,,
            Epic link last,OPS-5,105,,,,OPS-7
            Parent not in the file,OPS-6,106,999,,,
            Parent id wins over epic link,OPS-7,107,103,,,OPS-1
            Parent holds a key,OPS-8,108,,OPS-1,,

            """)
        #expect(issues.map(\.parentKey) == ["OPS-1", nil, "OPS-9", "OPS-2", "OPS-7", nil, "OPS-3", "OPS-1"])
    }

    @Test func labelsNameTheKindAndTheIncidents() throws {
        let issue = try Self.issue(
            "Summary,Issue key,Labels,Labels,Labels,Labels", "A,OPS-1,firebreak,INC-7,monitoring,PM2021-006")
        #expect(issue.kind == .detect)
        #expect(issue.incidentKeys == ["INC-7", "PM2021-006"])
    }

    struct Failure: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var line: Int
        var reason: String
        var description: String { name }
    }

    static let failures = [
        Failure(name: "empty file", text: "", line: 1, reason: "no header row; expected Jira's CSV export"),
        Failure(
            name: "no issue key column", text: "Summary,Key\nA,OPS-1\n", line: 1,
            reason: "no \"Issue key\" column in the header"),
        Failure(
            name: "no summary column", text: "Title,Issue key\nA,OPS-1\n", line: 1,
            reason: "no \"Summary\" column in the header"),
        Failure(
            name: "too few cells", text: "Summary,Issue key,Status\nA,OPS-1,Done\n\"B\nb\",OPS-2\n", line: 3,
            reason: "row has 2 cells; the header has 3"),
        Failure(
            name: "too many cells", text: "Summary,Issue key\nA,OPS-1,extra\n", line: 2,
            reason: "row has 3 cells; the header has 2"),
        Failure(
            name: "malformed date", text: "Summary,Issue key,Created\n\"A\nB\",OPS-1,32/Sep/25 9:26 AM\n", line: 2,
            reason:
                "column 3 \"Created\": \"32/Sep/25 9:26 AM\" is not a date like 22/Sep/25 9:26 AM, 30/Mar/18 or 2026-03-13; "
                + "if the export uses your own Jira date format, pass --date-format with it, e.g. --date-format \"dd/MM/yyyy HH:mm\""
        ),
        Failure(
            name: "malformed due date", text: "Summary,Issue key,Due Date\nA,OPS-1,2026-13-01\n", line: 2,
            reason:
                "column 3 \"Due Date\": \"2026-13-01\" is not a date like 22/Sep/25 9:26 AM, 30/Mar/18 or 2026-03-13; "
                + "if the export uses your own Jira date format, pass --date-format with it, e.g. --date-format \"dd/MM/yyyy HH:mm\""
        ),
        Failure(
            name: "empty key", text: "Summary,Issue key\nA,OPS-1\nB,\n", line: 3,
            reason: "column 2 \"Issue key\": is empty"),
        Failure(
            name: "not a key", text: "Summary,Issue key\nA,OPS 1\n", line: 2,
            reason: "column 2 \"Issue key\": \"OPS 1\" is not an issue key like OPS-101"),
        Failure(
            name: "repeated key", text: "Summary,Issue key\nA,OPS-1\nB,OPS-2\nC,OPS-1\n", line: 4,
            reason: "issue OPS-1 is also on line 2"),
        Failure(
            name: "empty summary", text: "Issue key,Summary\nOPS-1, \n", line: 2,
            reason: "column 2 \"Summary\": is empty"),
        Failure(
            name: "bad story points", text: "Summary,Issue key,Custom field (Story point estimate)\nA,OPS-1,XL\n",
            line: 2,
            reason:
                "column 3 \"Custom field (Story point estimate)\": \"XL\" is not a number of story points from 0.01 to 1000 (0 for none)"
        ),
        // 0.001 points failed the whole file on the database's constraint; a priority over 0.001
        // points could be infinite.
        Failure(
            name: "too few story points", text: "Summary,Issue key,Story Points\nA,OPS-1,0.001\n", line: 2,
            reason:
                "column 3 \"Story Points\": \"0.001\" is not a number of story points from 0.01 to 1000 (0 for none)"),
        Failure(
            name: "too many story points", text: "Summary,Issue key,Story Points\nA,OPS-1,1e6\n", line: 2,
            reason: "column 3 \"Story Points\": \"1e6\" is not a number of story points from 0.01 to 1000 (0 for none)"),
        Failure(
            name: "too long an original estimate", text: "Summary,Issue key,Original Estimate\nA,OPS-1,21600001\n",
            line: 2, reason: "column 3 \"Original Estimate\": 21600001 seconds is over 1000 story points"),
        Failure(
            name: "bad original estimate", text: "Summary,Issue key,Original Estimate\nA,OPS-1,2h\n", line: 2,
            reason: "column 3 \"Original Estimate\": \"2h\" is not a number of seconds"),
        Failure(
            name: "truncated file", text: "Summary,Issue key,Description\nA,OPS-1,ok\nB,OPS-2,\"cut\noff", line: 4,
            reason: "unterminated quoted cell (started on line 3)"),
    ]

    @Test(arguments: failures)
    func failsWithFileAndLine(_ f: Failure) {
        #expect(throws: CSVError(file: "jira.csv", line: f.line, reason: f.reason)) { try Self.read(f.text) }
    }
}

/// The real exports of `Tests/Fixtures/jira/`, with hand-checked expectations.
@Suite("Real Jira exports")
struct RealJiraExportTests {
    /// `<repo>/Tests/Fixtures/jira`, from `<repo>/Tests/FirebreakCoreTests/`.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/jira")

    static func issues(_ name: String) throws -> [String: JiraIssue] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let issues = try JiraCSVImport.read(text, file: name)
        return Dictionary(uniqueKeysWithValues: issues.map { ($0.key, $0) })
    }

    @Test
    func cloudExport() throws {
        let issues = try Self.issues("jira-cloud-2026-export.csv")
        #expect(issues.keys.sorted() == ["OPS-100", "OPS-101", "OPS-102", "OPS-103", "OPS-104", "OPS-105"])
        #expect(issues.values.map(\.line).sorted() == [2, 3, 5, 7, 8, 9])

        let epic = try #require(issues["OPS-100"])
        #expect(epic.isEpic && epic.firebreakStatus == .open && epic.parentKey == nil)

        let alert = try #require(issues["OPS-101"])
        #expect(alert.firebreakStatus == .done)
        #expect(alert.estimate == 2)
        #expect(alert.labels == ["firebreak", "monitoring", "INC-7"])
        #expect(alert.components == ["Online booking", "Payments"])
        #expect(alert.sprints == ["OPS Sprint 14"])
        #expect(alert.parentKey == "OPS-100")
        #expect(
            alert.description == "Customers told us before we knew.\nAdd an alert on the 5xx ratio, page the on-call."
        )
        #expect(alert.comments.first == "02/Mar/26 9:30 AM;acc-0001;Please also cover \"payments\", thanks")
        #expect(alert.assignee == "sre.one@example.com")
        #expect(alert.created == ReportDate.parse("2026-03-02 09:26"))
        #expect(alert.resolved == ReportDate.parse("2026-03-06 11:40"))
        #expect(alert.due == CalendarDate("2026-03-13"))
        #expect(alert.kind == .detect && alert.incidentKeys == ["INC-7"])

        let autoscale = try #require(issues["OPS-102"])
        #expect(autoscale.status == "In Progress" && autoscale.firebreakStatus == .open)
        #expect(autoscale.sprints == ["OPS Sprint 14", "OPS Sprint 15"])
        #expect(autoscale.description == "Scale out at 70% CPU, min 3, max 12.\nSee INC-7 and INC-9.")

        let freeze = try #require(issues["OPS-104"])
        #expect(freeze.firebreakStatus == .wontfix)
        #expect(freeze.summary.hasPrefix("-2%"))
        #expect(freeze.description.hasPrefix("=SUM(A1:A2)"))
        #expect(freeze.estimate == nil && freeze.components.isEmpty)

        #expect(issues["OPS-103"]?.estimate == 3)
        #expect(issues["OPS-103"]?.assignee == nil)
        #expect(issues["OPS-105"]?.estimate == 8)
        #expect(issues["OPS-105"]?.summary == "Cut deploy time from 40 to 10 minutes — cache the Docker layers")
    }

    @Test
    func serverExport() throws {
        let issues = try Self.issues("jira-server-2018-export.csv")
        #expect(issues.keys.sorted() == ["STAB-1", "STAB-2", "STAB-3", "STAB-4", "STAB-5"])
        #expect(issues.values.map(\.line).sorted() == [2, 3, 7, 8, 9])

        let epic = try #require(issues["STAB-1"])
        #expect(epic.isEpic && epic.epicName == "Stability backlog 2018" && epic.parentKey == nil)

        let scheduler = try #require(issues["STAB-2"])
        #expect(scheduler.estimate == 8 && scheduler.originalEstimateSeconds == 144_000)
        #expect(scheduler.sprints == ["STAB Sprint 3", "STAB Sprint 4"])
        #expect(scheduler.components == ["Scheduler", "Appointments"])
        #expect(scheduler.due == CalendarDate("2018-03-30"))
        #expect(scheduler.parentKey == "STAB-1")
        #expect(scheduler.firebreakStatus == .open)
        #expect(scheduler.description == "Bounded context per responsibility.\n\n* step 1\n* step 2")
        #expect(scheduler.created == ReportDate.parse("2018-02-14 10:10"))

        let gatling = try #require(issues["STAB-3"])
        #expect(gatling.firebreakStatus == .done && gatling.resolution == "Fixed")
        #expect(gatling.estimate == 3)

        let subtask = try #require(issues["STAB-4"])
        #expect(subtask.isSubtask && subtask.parentKey == "STAB-3")
        #expect(subtask.estimate == 0.67)
        #expect(subtask.labels.isEmpty && subtask.description.isEmpty)

        let queue = try #require(issues["STAB-5"])
        #expect(queue.sprints == ["STAB Sprint 4", "STAB Sprint 5", "STAB Sprint 6"])
        #expect(queue.estimate == 2 && queue.due == CalendarDate("2018-03-15"))
        #expect(queue.summary == "Alert on queue depth, customers knew first (again)")
        #expect(queue.description.contains("\"no exceptions\""))
    }
}

/// Every Jira fixture saved with Windows (CRLF) or old Mac (CR) line endings, and with a byte-order
/// mark, reads to the same issues, multi-line descriptions included.
@Suite("Jira exports with other line endings")
struct JiraLineEndingTests {
    static let files = ["jira-cloud-2026-export.csv", "jira-server-2018-export.csv", "real-planeso-jira-migration.csv"]

    @Test(arguments: files)
    func readTheSame(_ name: String) throws {
        let text = try String(contentsOf: RealJiraExportTests.folder.appendingPathComponent(name), encoding: .utf8)
        let lf = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "\n")
        let issues = try JiraCSVImport.read(lf, file: name)
        #expect(!issues.isEmpty)
        let lines = lf.split(separator: "\n", omittingEmptySubsequences: false)
        for variant in [lines.joined(separator: "\r\n"), lines.joined(separator: "\r"), "\u{FEFF}" + lf] {
            #expect(try JiraCSVImport.read(variant, file: name) == issues)
        }
    }
}

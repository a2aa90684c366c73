import FirebreakCore
import FirebreakTesting
import Foundation

/// The files the import cases read: canonical outage reports and a Jira CSV export, made by a
/// seeded generator so that every run imports the same bytes.
enum ImportData {
    static let components = [
        "Online booking", "Payments", "Reminders", "Salon calendar", "Search", "Notifications", "Reports", "Login",
        "Public API", "Mobile app", "Invoices", "Gift cards", "Staff rota", "Marketing email", "Reviews", "Inventory",
    ]
    static let categories = ["deploy", "build", "monitoring", "capacity", "dependencies"]
    static let words = [
        "booking", "API", "queue", "worker", "cache", "database", "pool", "deploy", "alert", "timeout", "retry",
        "index", "replica", "certificate", "DNS", "load balancer", "SDK", "memory", "disk", "CPU", "latency",
        "payments", "SMS", "calendar", "search", "cron", "migration", "backup", "rate limit", "autoscaler",
    ]

    /// `count` reports in the canonical Markdown form (`OutageReportWriter`), one file each, named
    /// `INC-n.md`, in `folder`; 3 actions created by each, and in one report of five a link to an action
    /// another report creates (`- ACT-m (coverage: 0.5)`), sometimes one a later file creates.
    ///
    /// Keys are those Firebreak would have given: report n is `INC-n` and creates `ACT-(3n-2)` and
    /// `ACT-(3n-1)` by key and a third action without one, last, which the import numbers `ACT-3n`
    /// (or past every key when a forward link puts its report after the others). One report in ten
    /// states no key: it is matched by its file, and the import gives it a key.
    static func writeReports(_ count: Int, team: String, to folder: URL) throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var random = SeededRandom(seed: 12)
        for n in 1...count {
            let report = Self.report(n, of: count, team: team, random: &random)
            try Data(OutageReportWriter.markdown(report).utf8).write(
                to: folder.appendingPathComponent("INC-\(n).md"))
        }
    }

    static func report(_ n: Int, of count: Int, team: String, random: inout SeededRandom) -> OutageReport {
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &random)] }
        func sentence() -> String {
            (0..<Int.random(in: 8...16, using: &random)).map { _ in pick(words) }.joined(separator: " ")
        }
        let start = SyntheticTeam.asOf.addingTimeInterval(-Double(Int.random(in: 60...1_036_800, using: &random)) * 60)
        var chosen = Set<String>()
        while chosen.count < Int.random(in: 1...2, using: &random) { chosen.insert(pick(components)) }
        var categories = Set<String>()
        while categories.count < Int.random(in: 1...2, using: &random) { categories.insert(pick(Self.categories)) }
        func action(_ key: String?, _ kind: ActionKind) -> ReportedAction {
            let done = Int.random(in: 0..<10, using: &random) == 0
            let due =
                Int.random(in: 0..<4, using: &random) == 0
                ? CalendarDate(year: 2027, month: 1 + n % 12, day: 1 + n % 28) : nil
            return ReportedAction(
                key: key, title: "\(kind.rawValue.capitalized) \(pick(words)) \(pick(words)) after outage \(n)",
                kind: kind, estimate: Double(pick([1, 2, 3, 5, 8])), coverage: pick([1, 1, 0.5, 0.25]), due: due,
                completed: done)
        }
        var actions = [
            action("ACT-\(3 * n - 2)", .detect), action("ACT-\(3 * n - 1)", .prevent), action(nil, .mitigate),
        ]
        if n % 5 == 0, count > 1 {
            // Another report's first action; one link in four points at a later file.
            var other = Int.random(in: 1...count, using: &random)
            if other == n { other = n == 1 ? 2 : n - 1 }
            actions.append(ReportedAction(key: "ACT-\(3 * other - 2)", coverage: 0.5))
        }
        return OutageReport(
            key: n % 10 == 3 ? nil : "INC-\(n)",
            title: "Outage \(n): the \(pick(words)) \(pick(words)) failed during the peak",
            description: sentence() + ".", startedAt: start, outageMinutes: Int.random(in: 5...400, using: &random),
            severity: pick(Severity.allCases), detectedBy: pick(DetectionSource.allCases),
            tickets: Int.random(in: 0...80, using: &random), components: chosen.sorted(),
            categories: categories.sorted(),
            team: team,
            explanation: (0..<4).map { _ in sentence() + "." }.joined(separator: " "),
            investigations: (0..<3).map { _ in sentence() + "." }.joined(separator: " "), actions: actions)
    }

    /// The header of the Jira CSV: Jira Cloud's "Export Excel CSV (all fields)" shape, with its repeated
    /// columns (see Tests/Fixtures/jira/jira-cloud-2026-export.csv).
    static let jiraHeader = [
        "Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key", "Project name", "Priority",
        "Resolution", "Assignee", "Reporter", "Created", "Updated", "Resolved", "Due date", "Description", "Labels",
        "Labels", "Labels", "Components", "Components", "Sprint", "Sprint", "Custom field (Story Points)",
        "Custom field (Story point estimate)", "Comment", "Parent", "Parent key", "Status Category",
    ]

    /// A Jira CSV export of `rows` issues of project `OPS` (a few epics and sub-tasks among them),
    /// written to `file`; labels name categories and, for one issue in ten, an incident (`BI-n`, of
    /// the synthetic team's `incidents`).
    static func writeJira(_ rows: Int, incidents: Int, to file: URL) throws {
        var random = SeededRandom(seed: 13)
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &random)] }
        let statuses: [(status: String, resolution: String, category: String)] = [
            ("To Do", "", "To Do"), ("To Do", "", "To Do"), ("In Progress", "", "In Progress"),
            ("Done", "Done", "Done"),
            ("Done", "Fixed", "Done"), ("Won't Do", "Won't Do", "Done"), ("Closed", "Duplicate", "Done"),
        ]
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var out = jiraHeader.joined(separator: ",") + "\r\n"
        for n in 1...rows {
            let id = 100_000 + n
            let type = n % 50 == 1 ? "Epic" : n % 50 == 2 ? "Sub-task" : pick(["Task", "Story", "Bug"])
            let epic = 100_000 + (n - 1) / 50 * 50 + 1
            let state = pick(statuses)
            let day = 1 + n % 28
            let created = "\(day < 10 ? "0" : "")\(day)/\(pick(["Jan", "Feb", "Mar", "Apr"]))/26 9:\(10 + n % 50) AM"
            let labels = [
                "firebreak", pick(categories), n % 10 == 0 ? "BI-\(1 + n % max(incidents, 1))" : "",
            ]
            let sprints = n % 3 == 0 ? ["OPS Sprint \(n % 40)", "OPS Sprint \(n % 40 + 1)"] : ["", ""]
            let description =
                "\"Follow-up \(n): \(pick(words)) \(pick(words)) \(pick(words)).\nSee the \"\"\(pick(words))\"\" graphs, "
                + "then fix it.\""
            let cells: [String] = [
                csv(
                    "\(pick(["Alert on", "Fix", "Autoscale", "Upgrade", "Runbook for"])) the \(pick(words)) \(pick(words)) #\(n)"
                ),
                "OPS-\(n)", "\(id)", type, state.status, "OPS", "Platform Ops", pick(["High", "Medium", "Low"]),
                state.resolution, n % 4 == 0 ? "" : "eng\(n % 7)@example.com", "lead@example.com", created, created,
                state.resolution.isEmpty ? "" : created, n % 6 == 0 ? "30/Apr/26 12:00 AM" : "", description,
                labels[0], labels[1], labels[2], pick(components), n % 2 == 0 ? pick(components) : "", sprints[0],
                sprints[1], n % 7 == 0 ? "" : "\(pick([1, 2, 3, 5, 8])).0", "",
                n % 9 == 0 ? csv("\(created);acc-1;Please also check the \(pick(words)), thanks") : "",
                type == "Epic" ? "" : "\(epic)", type == "Epic" ? "" : "OPS-\(epic - 100_000)", state.category,
            ]
            out += cells.joined(separator: ",") + "\r\n"
            if out.utf8.count > 1 << 16 {
                handle.write(Data(out.utf8))
                out = ""
            }
        }
        handle.write(Data(out.utf8))
    }

    /// A CSV cell, quoted when it must be (RFC 4180).
    static func csv(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

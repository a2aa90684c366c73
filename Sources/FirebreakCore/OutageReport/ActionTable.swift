import Foundation

/// The columns of an action table (the SRE book's Action Item / Type / Owner / Bug / Priority /
/// Due, and a Status column where a report keeps one), found by the words of its header row.
struct ActionTable {
    var title: Int?
    var type: Int?
    var owner: Int?
    var bug: Int?
    var due: Int?
    var status: Int?

    init(header: [String]) {
        // A table without an Action / Task / Item column names its text Description, Title or Summary.
        let prose = header.firstIndex { cell in
            let h = cell.lowercased().replacingOccurrences(of: "*", with: "").trimmed()
            return ["description", "title", "summary", "follow-up", "remediation", "fix", "change"].contains(h)
        }
        defer { if title == nil { title = prose } }
        for (i, cell) in header.enumerated() {
            let h = cell.lowercased().replacingOccurrences(of: "*", with: "")
            if title == nil, h.contains("action") || h.contains("task") || h.contains("item") || h.contains("what") {
                title = i
            } else if type == nil, h.hasPrefix("type") || h.hasPrefix("kind") {
                type = i
            } else if owner == nil, h.hasPrefix("who") || h.hasPrefix("owner") || h.hasPrefix("assignee") {
                owner = i
            } else if bug == nil,
                h.hasPrefix("bug") || h.contains("ticket") || h.contains("jira") || h.contains("issue")
            {
                bug = i
            } else if due == nil, h.hasPrefix("due") {
                due = i
            } else if status == nil, h.hasPrefix("status") || h.hasPrefix("state") || h == "done" {
                status = i
            }
        }
    }

    func action(from cells: [String], line: Int, file: String) throws(ReportError) -> ReportedAction? {
        guard let title, title < cells.count else { return nil }
        func cell(_ i: Int?) -> String? {
            guard let i, i < cells.count, !cells[i].isEmpty else { return nil }
            return cells[i]
        }
        let (text, done) = DoneMarker.strip(cells[title])
        guard !Self.isPlaceholder(text) else { return nil }
        var action = try ActionBullet.parse(text, line: line, file: file)
        // Without a status column, some reports write DONE or TODO where the SRE book's template has
        // its Bug column; a bug's number or link is never one word of those.
        let statusCell = cell(status) ?? cell(bug).flatMap { Self.isStatusWord($0) ? $0 : nil }
        action.completed = done || statusCell.map(DoneMarker.saysDone) == true
        if let typeText = cell(type) {
            // "Mitigate/ Prevent" style cells take the first word; a type that is none of the four
            // ("other", "investigate") leaves the kind to the default rather than refusing the report.
            let first = typeText.split(whereSeparator: { "/ ,".contains($0) }).first.map(String.init) ?? typeText
            // "other" is the SRE book's word for a type that is none of Firebreak's four: left unstated.
            action.kind = action.kind ?? (first.lowercased() == "other" ? nil : ActionKind(parsing: first))
        }
        action.owner = action.owner ?? cell(owner)
        if let bugText = cell(bug), ItemKey.isValid(bugText) { action.jira = action.jira ?? bugText }
        if let dueText = cell(due), let date = CalendarDate(dueText) { action.due = action.due ?? date }
        return action
    }

    /// The words a status cell holds alone.
    static let statusWords: Set<String> = [
        "done", "completed", "complete", "fixed", "resolved", "closed", "todo", "to do", "open", "in progress", "wip",
    ]

    static func isStatusWord(_ cell: String) -> Bool {
        statusWords.contains(cell.lowercased().replacingOccurrences(of: "*", with: "").trimmed())
    }

    /// A header row whose first column names actions (`| Action Item | Type | Owner |`): an action
    /// table wherever it stands, also without a heading above it.
    static func namesActions(_ header: [String]) -> Bool {
        guard header.count >= 2, let first = header.first else { return false }
        let h = MarkdownText.plain(first).lowercased().replacingOccurrences(of: "*", with: "").trimmed()
        return [
            "action item", "action items", "follow-up", "follow-ups", "corrective action", "corrective actions",
            "remediation item", "remediation items", "preventative action", "preventive action",
        ].contains(h)
    }

    /// An empty template's row: no text, or only dots, dashes, "TBD" or a bracketed prompt.
    static func isPlaceholder(_ text: String) -> Bool {
        let t = text.trimmed()
        if t.isEmpty || t.allSatisfy({ ".-_…? ".contains($0) }) { return true }
        if ["tbd", "n/a", "todo"].contains(t.lowercased()) { return true }
        return (t.hasPrefix("[") && t.hasSuffix("]") && !t.contains("](")) || (t.hasPrefix("<") && t.hasSuffix(">"))
    }
}

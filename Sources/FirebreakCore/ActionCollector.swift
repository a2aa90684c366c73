import Foundation

/// Collects the actions of a report's actions section: bullets, table rows, and
/// the indented lines that continue a bullet.
struct ActionCollector {
    var completed = false
    private var actions: [ReportedAction] = []
    private var bulletIndent: Int?
    private var table: ActionTable?
    private var tableHeaderSeen = false

    /// Forgets the shape of the previous block when a new (sub-)section starts.
    mutating func resetBlock() {
        bulletIndent = nil
        table = nil
        tableHeaderSeen = false
    }

    mutating func consume(_ line: Substring, number: Int, file: String) throws(ReportError) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("|") {
            try consumeTableRow(trimmed, number: number, file: file)
            return
        }
        table = nil
        tableHeaderSeen = false
        let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
        if let text = Self.bulletText(trimmed), indent <= (bulletIndent ?? indent) {
            bulletIndent = indent
            var action = try ActionBullet.parse(text, line: number, file: file)
            action.completed = action.completed || completed
            actions.append(action)
        } else if !trimmed.isEmpty, indent > 0, bulletIndent != nil, !actions.isEmpty {
            // An indented line continues the bullet above it: more description. Appended in place:
            // copying the description for every line is quadratic in the number of lines.
            let more = Self.bulletText(trimmed) ?? trimmed
            let last = actions.count - 1
            if !actions[last].description.isEmpty { actions[last].description += "\n" }
            actions[last].description += more
        }
    }

    func finish() -> [ReportedAction] { actions }

    /// The text of a `-`, `*`, `+` or `1.` list item, nil for other lines.
    static func bulletText(_ trimmed: String) -> String? {
        for marker in ["- ", "* ", "+ "] where trimmed.hasPrefix(marker) {
            return trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
        }
        let digits = trimmed.prefix(while: \.isNumber)
        if !digits.isEmpty, digits.count <= 3 {
            let rest = trimmed.dropFirst(digits.count)
            if rest.hasPrefix(". ") || rest.hasPrefix(") ") {
                return rest.dropFirst(2).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    private mutating func consumeTableRow(_ trimmed: String, number: Int, file: String) throws(ReportError) {
        let cells = Self.cells(trimmed)
        if !tableHeaderSeen {
            tableHeaderSeen = true
            table = ActionTable(header: cells)
            return
        }
        if cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { return }
        guard let table, let action = try table.action(from: cells, line: number, file: file) else { return }
        var a = action
        a.completed = a.completed || completed
        actions.append(a)
    }

    static func cells(_ row: String) -> [String] {
        var inner = row[...]
        if inner.hasPrefix("|") { inner = inner.dropFirst() }
        if inner.hasSuffix("|") { inner = inner.dropLast() }
        return inner.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }
}

/// The columns of an SRE-book style action table: Action Item, Type, Who/Owner, Bug, Due Date.
struct ActionTable {
    var title: Int?
    var type: Int?
    var owner: Int?
    var bug: Int?
    var due: Int?

    init(header: [String]) {
        for (i, cell) in header.enumerated() {
            let h = cell.lowercased()
            if title == nil, h.contains("action") || h.contains("task") || h.contains("item") {
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
            }
        }
    }

    func action(from cells: [String], line: Int, file: String) throws(ReportError) -> ReportedAction? {
        guard let title, title < cells.count, !cells[title].isEmpty else { return nil }
        func cell(_ i: Int?) -> String? {
            guard let i, i < cells.count, !cells[i].isEmpty else { return nil }
            return cells[i]
        }
        var action = try ActionBullet.parse(cells[title], line: line, file: file)
        if let typeText = cell(type) {
            // "Mitigate/ Prevent" style cells take the first word.
            let first = typeText.split(whereSeparator: { "/ ,".contains($0) }).first.map(String.init) ?? typeText
            guard let kind = ActionKind(parsing: first) else {
                throw ReportError(
                    file: file, line: line,
                    reason: "action type \"\(typeText)\" is not one of detect, prevent, mitigate or process")
            }
            action.kind = action.kind ?? kind
        }
        action.owner = action.owner ?? cell(owner)
        if let bugText = cell(bug), ItemKey.isValid(bugText) { action.jira = action.jira ?? bugText }
        if let dueText = cell(due), let date = CalendarDate(dueText) { action.due = action.due ?? date }
        return action
    }
}

import Foundation

/// Writes a CSV file that Jira's CSV importer takes as it is (DESIGN.md section 6): UTF-8
/// without BOM, RFC 4180 quoting, CRLF rows, repeated `Labels`, `Component/s` and `Sprint`
/// columns.
///
/// `Issue key` holds the Jira key of an item that has one, so that Jira's importer updates that
/// issue instead of creating a duplicate (exports/README.md); it is empty for items not in Jira
/// yet, which Jira creates.
///
/// It streams: the caller writes the header, then each row as it comes, so memory does not
/// grow with the number of rows. The repeated columns are counted beforehand.
public struct JiraCSVWriter: Sendable {
    public let options: JiraCSVOptions
    public let labelColumns: Int
    public let componentColumns: Int
    public let sprintColumns: Int

    /// Jira's limits.
    public static let summaryLimit = 255
    public static let descriptionLimit = 32_767

    /// At least one column of each repeated kind; one `Sprint` column unless told more.
    public init(options: JiraCSVOptions, labelColumns: Int, componentColumns: Int, sprintColumns: Int = 1) {
        self.options = options
        self.labelColumns = max(1, labelColumns)
        self.componentColumns = max(1, componentColumns)
        self.sprintColumns = max(1, sprintColumns)
    }

    public var header: [String] {
        ["Issue ID", "Issue key", "Parent", "Issue Type", "Summary", "Description", "Priority"]
            + Array(repeating: "Labels", count: labelColumns) + Array(repeating: "Component/s", count: componentColumns)
            + Array(repeating: "Sprint", count: sprintColumns) + [options.storyPointsField, "Assignee", "Due Date"]
    }

    public func writeHeader(to out: inout some TextOutputStream) {
        out.write(CSVField.row(header))
    }

    /// An epic row (items point at it through `Parent`).
    public func writeEpic(
        id: Int, summary: String, description: String, labels: [String], to out: inout some TextOutputStream
    ) {
        var row = [
            String(id), "", "", "Epic", cell(summary, Self.summaryLimit), cell(description, Self.descriptionLimit), "",
        ]
        row += padded(labels.map(Self.label), to: labelColumns) + padded([], to: componentColumns)
        row += padded([], to: sprintColumns) + ["", "", ""]
        write(row, to: &out)
    }

    public func writeItem(
        _ item: JiraExportItem, id: Int, parent: Int?, priority: String, to out: inout some TextOutputStream
    ) {
        var row = [
            String(id), item.externalKey ?? "", parent.map(String.init) ?? "", "Task",
            cell(item.title, Self.summaryLimit),
            cell(Self.description(item), Self.descriptionLimit), priority,
        ]
        row += padded(Self.labels(item), to: labelColumns) + padded(Self.components(item), to: componentColumns)
        row += padded(Self.sprints(item), to: sprintColumns)
        row += [item.estimate.map(NumberText.plain) ?? "", item.assigneeEmail ?? "", item.due?.description ?? ""]
        write(row, to: &out)
    }

    /// Neutralised first (it can add a character), then cut to Jira's limit.
    func cell(_ text: String, _ limit: Int) -> String {
        Self.cut(options.raw ? text : Self.neutralise(text), limit)
    }

    func write(_ row: [String], to out: inout some TextOutputStream) {
        out.write(CSVField.row(options.raw ? row : row.map(Self.neutralise)))
    }

    func padded(_ values: [String], to count: Int) -> [String] {
        Array(values.prefix(count)) + Array(repeating: "", count: max(0, count - values.count))
    }

    /// `firebreak`, the category and the incident keys, then the item's own labels from Jira, each
    /// once; Jira labels hold no spaces.
    public static func labels(_ item: JiraExportItem) -> [String] {
        let own = ["firebreak"] + (item.category.map { [$0] } ?? []) + item.incidents.map(\.key)
        return unique((own + item.jiraLabels).map(label))
    }

    /// The item's own components from Jira, then the linked incidents' affected functionality, each once.
    public static func components(_ item: JiraExportItem) -> [String] {
        unique(item.jiraComponents + item.components)
    }

    /// The sprints the item has been in, in Jira's order, then the plan's sprint last: Jira lists
    /// an issue's sprints oldest first, and only the last may still be open.
    public static func sprints(_ item: JiraExportItem) -> [String] {
        guard let planned = item.sprint else { return unique(item.jiraSprints) }
        return unique(item.jiraSprints.filter { $0 != planned } + [planned])
    }

    /// `values` without repeats, in first-seen order.
    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    static func label(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 || $0 >= 0x80 }) else {
            return text
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: "-")
    }

    /// Jira's five priorities by position in the exported ranking: the first 10% Highest, then
    /// 20% High, 40% Medium, 20% Low, the last 10% Lowest.
    public static func priority(position: Int, of total: Int) -> String {
        guard total > 0 else { return "Medium" }
        let share = Double(position) / Double(total)
        switch share {
        case ..<0.1: return "Highest"
        case ..<0.3: return "High"
        case ..<0.7: return "Medium"
        case ..<0.9: return "Low"
        default: return "Lowest"
        }
    }

    /// The Description: what the item is, the incidents it would have prevented, and its score.
    public static func description(_ item: JiraExportItem) -> String {
        var text = item.description.isEmpty ? "" : item.description + "\n\n"
        text += "Firebreak \(item.key) (\(item.kind.rawValue)), rank \(item.rank)"
        text += item.sprint.map { ", planned in \($0)" } ?? ", not planned yet"
        text += ".\n\nWould have prevented:\n"
        for incident in item.incidents {
            let outage =
                incident.outageMinutes.map { ReportDate.formatMinutes($0) + " of outage" } ?? "outage time unknown"
            let tickets = incident.tickets.map { "\($0) support tickets" } ?? "tickets unknown"
            text +=
                "- \(incident.key) \(incident.title): \(outage), \(tickets), coverage \(NumberText.plain(incident.coverage))\n"
        }
        if item.incidents.isEmpty { text += "- no incident linked\n" }
        text += "\nScore: value \(NumberText.twoDecimals(item.value)) (Σ coverage × outage cost) / effort "
        text += NumberText.plain(item.effort) + (item.estimate == nil ? " (unestimated: team default)" : "")
        text += " = priority \(NumberText.twoDecimals(item.priority)). See `firebreak backlog --explain \(item.key)`."
        return text
    }

    /// The item's own description inside a Description that ``description(_:)`` wrote: the text
    /// before the paragraphs it adds (`Firebreak KEY (kind), rank …` to the end), so that an export
    /// that comes back from Jira does not carry them twice. `text` itself, trimmed, when they are
    /// not there whole (Jira cut the text, or someone edited them).
    public static func ownDescription(_ text: String) -> String {
        let text = text.trimmingWhitespaceAndNewlines()
        guard text.utf8Contains("Firebreak ") else { return text }
        var end = text.endIndex
        // The last such paragraph: the item's own text may hold one that looks the same.
        while let found = text.range(of: "Firebreak ", options: .backwards, range: text.startIndex..<end) {
            end = found.lowerBound
            let before = text[..<found.lowerBound]
            guard before.isEmpty || before.hasSuffix("\n\n") || before.hasSuffix("\r\n\r\n") else { continue }
            let rest = text[found.upperBound...]
            let key = rest.prefix { !$0.isWhitespace && $0 != "(" }
            guard ItemKey.isValid(key), rest.dropFirst(key.count).hasPrefix(" ("),
                text.hasSuffix("See `firebreak backlog --explain \(key)`.")
            else { continue }
            return before.trimmingWhitespaceAndNewlines()
        }
        return text
    }

    /// OWASP CSV injection: a cell that a spreadsheet would read as a formula gets a leading `'`.
    public static func neutralise(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else {
            return cell
        }
        return "'" + cell
    }

    /// At most `limit` characters; the UTF-8 length bounds the character count, so most cells skip counting.
    static func cut(_ text: String, _ limit: Int) -> String {
        if text.utf8.count <= limit || text.count <= limit { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}

import Foundation

/// Reads the CSV that Jira exports ("Export Excel CSV", all fields) into issues.
///
/// The header row comes first. Columns are found by name, ignoring case and a `Custom field (…)`
/// wrapper, so `Custom field (Story Points)` and `Story Points` are the same column. Columns
/// that Jira repeats for multi-value fields (`Labels`, `Sprint`, `Component/s` or `Components`,
/// `Comment`) are read by position: each one with that name adds its cell when it is not
/// empty. Columns Firebreak does not use are ignored. Rows with neither an issue key nor a
/// summary are skipped: empty lines, and the rows of only commas that a spreadsheet leaves at
/// the end of a file it saved (one real export ended in 739 of them).
///
/// Both generations of export are read: Server and Data Center (`Component/s`, `Parent id`,
/// `Custom field (Epic Link)`) and Cloud (`Components`, `Parent`, `Parent key`).
public enum JiraCSVImport {
    /// The issues of `text`, in file order; `file` names the source in errors.
    ///
    /// Dates are read in Jira's default form and ISO (``JiraDate``), and first in `dateFormat`
    /// when there is one: the format of an export made by a user who changed Jira's date setting.
    ///
    /// Errors, each on its line: a missing `Summary` or `Issue key` column (line 1); a row whose
    /// cell count differs from the header's; an empty or malformed issue key, or one that
    /// repeats; an empty summary; a date (the message says to pass `--date-format`, with a format
    /// that reads it when one of the common ones does), story points or original estimate that
    /// cannot be read.
    public static func read(
        _ text: String, file: String, dateFormat: JiraDateFormat? = nil
    ) throws(CSVError) -> [JiraIssue] {
        var stream = JiraCSVStream(file: file, dateFormat: dateFormat, keepsParents: true)
        let issues = try stream.issues(in: text, firstLine: 1)
        try stream.finish()
        return resolvingParents(issues, parents: stream.parents)
    }

    /// `Parent key` wins. Else `Parent id` or Cloud's `Parent`, which hold the parent's issue id:
    /// the key is that of the issue with this id anywhere in the file (a few exports write a key
    /// there, taken as it is). `Epic Link`, a key, is the last resort.
    private static func resolvingParents(
        _ issues: [JiraIssue], parents: [(id: String?, epicLink: String?)]
    ) -> [JiraIssue] {
        var keys: [String: String] = [:]
        for issue in issues { if let id = issue.id, keys[id] == nil { keys[id] = issue.key } }
        return zip(issues, parents).map { issue, parent in
            guard issue.parentKey == nil else { return issue }
            var issue = issue
            let byID = parent.id.flatMap { id in keys[id] ?? (ItemKey.isValid(id) ? id : nil) }
            issue.parentKey = byID ?? parent.epicLink
            return issue
        }
    }

    /// The header: where each column is, by normalised name.
    struct Columns: Sendable {
        let names: [String]
        let positions: [String: [Int]]
        /// The columns the reader takes from each row, found once for the file.
        let known: Known

        /// Where each column a row is read from is: the first column of the name, or every one.
        struct Known: Sendable {
            var key, id, summary, issueType, status, resolution, statusCategory, priority, assignee: Int?
            var created, updated, resolved, due, description, storyPoints, pointEstimate: Int?
            var originalEstimate, parentKey, parentID, parent, epicLink, epicName: Int?
            var labels, components, sprints, comments: [Int]
        }

        init(_ header: [String]) {
            names = header
            let positions = Dictionary(grouping: header.indices, by: { Self.normalized(header[$0]) })
            self.positions = positions
            func first(_ name: String) -> Int? { positions[Self.normalized(name)]?.first }
            func all(_ name: String) -> [Int] { positions[Self.normalized(name)] ?? [] }
            known = Known(
                key: first("Issue key"), id: first("Issue id"), summary: first("Summary"),
                issueType: first("Issue Type"), status: first("Status"), resolution: first("Resolution"),
                statusCategory: first("Status Category"), priority: first("Priority"), assignee: first("Assignee"),
                created: first("Created"), updated: first("Updated"), resolved: first("Resolved"),
                due: first("Due date"), description: first("Description"), storyPoints: first("Story Points"),
                pointEstimate: first("Story point estimate"), originalEstimate: first("Original Estimate"),
                parentKey: first("Parent key"), parentID: first("Parent id"), parent: first("Parent"),
                epicLink: first("Epic Link"), epicName: first("Epic Name"), labels: all("Labels"),
                components: all("Component/s") + all("Components"), sprints: all("Sprint"), comments: all("Comment"))
        }

        func first(_ name: String) -> Int? { positions[Self.normalized(name)]?.first }

        func all(_ name: String) -> [Int] { positions[Self.normalized(name)] ?? [] }

        /// Lower case, trimmed, without a `Custom field (…)` wrapper.
        static func normalized(_ name: String) -> String {
            var n = name.trimmingWhitespace().lowercased()
            if n.hasPrefix("custom field ("), n.hasSuffix(")") {
                n = String(n.dropFirst("custom field (".count).dropLast()).trimmingWhitespace()
            }
            return n
        }
    }

    /// One record, read against the header.
    struct Row {
        let columns: Columns
        let cells: [String]
        let file: String
        let line: Int
        let dateFormat: JiraDateFormat?

        /// A cell's line breaks as line feeds, however the file ended its lines: the same export saved
        /// on Windows (CRLF) or an old Mac (CR) imports the same text.
        static func lineFeeds(_ text: String) -> String {
            guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
            return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "\n")
        }

        func issue() throws(CSVError) -> JiraIssue {
            let known = columns.known
            let key = value(known.key) ?? ""
            guard ItemKey.isValid(key) else {
                throw failure(known.key, key.isEmpty ? "is empty" : "\"\(key)\" is not an issue key like OPS-101")
            }
            guard let summary = value(known.summary) else { throw failure(known.summary, "is empty") }
            // Both fields may be filled (Cloud writes the same number in each): the first non-empty wins.
            let storyPoints = try points(known.storyPoints)
            let pointEstimate = try points(known.pointEstimate)
            return JiraIssue(
                key: key, id: value(known.id), summary: summary, issueType: value(known.issueType) ?? "",
                status: value(known.status) ?? "", resolution: value(known.resolution),
                statusCategory: value(known.statusCategory),
                priority: value(known.priority), assignee: value(known.assignee), created: try instant(known.created),
                updated: try instant(known.updated), resolved: try instant(known.resolved),
                due: try date(known.due)?.day,
                description: known.description.map { Self.lineFeeds(cells[$0]) } ?? "",
                labels: values(known.labels), components: values(known.components), sprints: values(known.sprints),
                comments: known.comments.map { Self.lineFeeds(cells[$0]) }.filter { !$0.isEmpty },
                storyPoints: storyPoints ?? pointEstimate,
                originalEstimateSeconds: try originalEstimate(),
                parentKey: value(known.parentKey), epicName: value(known.epicName), line: line)
        }

        /// The trimmed cell of the first column named `name`; nil when there is none or it is empty.
        func value(_ name: String) -> String? { value(columns.first(name)) }

        /// The trimmed cell of column `column`; nil when there is none or it is empty.
        func value(_ column: Int?) -> String? {
            guard let column else { return nil }
            let text = cells[column].trimmingWhitespaceAndNewlines()
            return text.isEmpty ? nil : text
        }

        /// The trimmed, non-empty cells of `columns`, in column order.
        func values(_ columns: [Int]) -> [String] {
            columns.compactMap { value($0) }
        }

        func date(_ column: Int?) throws(CSVError) -> (day: CalendarDate, minutes: Int?)? {
            guard let text = value(column) else { return nil }
            guard let date = JiraDate.parse(text, format: dateFormat) else {
                let suggested = JiraDateFormat.suggestion(for: text)
                let example = "--date-format \"\(suggested ?? JiraDateFormat.example)\""
                guard let dateFormat else {
                    throw failure(
                        column,
                        "\"\(text)\" is not a date like 22/Sep/25 9:26 AM, 30/Mar/18 or 2026-03-13; if the export "
                            + "uses your own Jira date format, pass --date-format with it, e.g. \(example)")
                }
                let hint =
                    suggested.map { $0 == dateFormat.pattern ? "" : "; it reads with --date-format \"\($0)\"" }
                    ?? "; pass --date-format with the export's date format, e.g. --date-format \"\(JiraDateFormat.example)\""
                throw failure(column, "\"\(text)\" does not match --date-format \"\(dateFormat.pattern)\"\(hint)")
            }
            return date
        }

        func instant(_ column: Int?) throws(CSVError) -> Date? {
            guard let date = try date(column) else { return nil }
            return date.day.startOfDay.addingTimeInterval(TimeInterval((date.minutes ?? 0) * 60))
        }

        /// Story points; `2,5` is read as 2.5, as locales with a decimal comma write it. 0 is none
        /// (the team's default estimate then applies).
        func points(_ column: Int?) throws(CSVError) -> Double? {
            guard let text = value(column) else { return nil }
            let decimal = text.utf8.contains(UInt8(ascii: ",")) ? text.replacingOccurrences(of: ",", with: ".") : text
            guard let points = Double(decimal), points == 0 || ScoringBounds.estimate.contains(points) else {
                throw failure(
                    column,
                    "\"\(text)\" is not a number of story points \(ScoringBounds.text(ScoringBounds.estimate)) (0 for none)"
                )
            }
            return points == 0 ? nil : points
        }

        /// Whole seconds (`144000`, or `144000.0`).
        func seconds(_ column: Int?) throws(CSVError) -> Int? {
            guard let text = value(column) else { return nil }
            guard let seconds = Double(text), seconds >= 0, seconds < 1e15, seconds == seconds.rounded() else {
                throw failure(column, "\"\(text)\" is not a number of seconds")
            }
            return Int(seconds)
        }

        /// `Original Estimate` in seconds, at most the largest estimate in points.
        func originalEstimate() throws(CSVError) -> Int? {
            let column = columns.known.originalEstimate
            let seconds = try seconds(column)
            if let seconds, Double(seconds) / Double(JiraIssue.secondsPerPoint) > ScoringBounds.estimate.upperBound {
                throw failure(
                    column,
                    "\(seconds) seconds is over \(NumberText.plain(ScoringBounds.estimate.upperBound)) story points")
            }
            return seconds
        }

        /// An error naming the column as the header writes it, and its 1-based position.
        func failure(_ column: Int?, _ problem: String) -> CSVError {
            let i = column ?? 0
            return CSVError(file: file, line: line, reason: "column \(i + 1) \"\(columns.names[i])\": \(problem)")
        }
    }
}

extension String {
    /// Empty or only spaces and tabs: a cell a spreadsheet left empty.
    var isBlank: Bool { utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
}

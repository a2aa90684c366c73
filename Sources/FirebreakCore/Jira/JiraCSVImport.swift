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

        init(_ header: [String]) {
            names = header
            positions = Dictionary(grouping: header.indices, by: { Self.normalized(header[$0]) })
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
            guard text.contains("\r") else { return text }
            return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "\n")
        }

        func issue() throws(CSVError) -> JiraIssue {
            let key = value("Issue key") ?? ""
            guard ItemKey.isValid(key) else {
                throw failure("Issue key", key.isEmpty ? "is empty" : "\"\(key)\" is not an issue key like OPS-101")
            }
            guard let summary = value("Summary") else { throw failure("Summary", "is empty") }
            // Both fields may be filled (Cloud writes the same number in each): the first non-empty wins.
            let storyPoints = try points("Story Points")
            let pointEstimate = try points("Story point estimate")
            return JiraIssue(
                key: key, id: value("Issue id"), summary: summary, issueType: value("Issue Type") ?? "",
                status: value("Status") ?? "", resolution: value("Resolution"),
                statusCategory: value("Status Category"),
                priority: value("Priority"), assignee: value("Assignee"), created: try instant("Created"),
                updated: try instant("Updated"), resolved: try instant("Resolved"), due: try date("Due date")?.day,
                description: columns.first("Description").map { Self.lineFeeds(cells[$0]) } ?? "",
                labels: values("Labels"),
                components: values("Component/s") + values("Components"), sprints: values("Sprint"),
                comments: columns.all("Comment").map { Self.lineFeeds(cells[$0]) }.filter { !$0.isEmpty },
                storyPoints: storyPoints ?? pointEstimate,
                originalEstimateSeconds: try originalEstimate(),
                parentKey: value("Parent key"), epicName: value("Epic Name"), line: line)
        }

        /// The trimmed cell of the first column named `name`; nil when there is none or it is empty.
        func value(_ name: String) -> String? {
            guard let i = columns.first(name) else { return nil }
            let text = cells[i].trimmingWhitespaceAndNewlines()
            return text.isEmpty ? nil : text
        }

        /// The trimmed, non-empty cells of every column named `name`, in column order.
        func values(_ name: String) -> [String] {
            columns.all(name).map { cells[$0].trimmingWhitespaceAndNewlines() }.filter { !$0.isEmpty }
        }

        func date(_ name: String) throws(CSVError) -> (day: CalendarDate, minutes: Int?)? {
            guard let text = value(name) else { return nil }
            guard let date = JiraDate.parse(text, format: dateFormat) else {
                let suggested = JiraDateFormat.suggestion(for: text)
                let example = "--date-format \"\(suggested ?? JiraDateFormat.example)\""
                guard let dateFormat else {
                    throw failure(
                        name,
                        "\"\(text)\" is not a date like 22/Sep/25 9:26 AM, 30/Mar/18 or 2026-03-13; if the export "
                            + "uses your own Jira date format, pass --date-format with it, e.g. \(example)")
                }
                let hint =
                    suggested.map { $0 == dateFormat.pattern ? "" : "; it reads with --date-format \"\($0)\"" }
                    ?? "; pass --date-format with the export's date format, e.g. --date-format \"\(JiraDateFormat.example)\""
                throw failure(name, "\"\(text)\" does not match --date-format \"\(dateFormat.pattern)\"\(hint)")
            }
            return date
        }

        func instant(_ name: String) throws(CSVError) -> Date? {
            guard let date = try date(name) else { return nil }
            return date.day.startOfDay.addingTimeInterval(TimeInterval((date.minutes ?? 0) * 60))
        }

        /// Story points; `2,5` is read as 2.5, as locales with a decimal comma write it. 0 is none
        /// (the team's default estimate then applies).
        func points(_ name: String) throws(CSVError) -> Double? {
            guard let text = value(name) else { return nil }
            guard let points = Double(text.replacingOccurrences(of: ",", with: ".")),
                points == 0 || ScoringBounds.estimate.contains(points)
            else {
                throw failure(
                    name,
                    "\"\(text)\" is not a number of story points \(ScoringBounds.text(ScoringBounds.estimate)) (0 for none)"
                )
            }
            return points == 0 ? nil : points
        }

        /// Whole seconds (`144000`, or `144000.0`).
        func seconds(_ name: String) throws(CSVError) -> Int? {
            guard let text = value(name) else { return nil }
            guard let seconds = Double(text), seconds >= 0, seconds < 1e15, seconds == seconds.rounded() else {
                throw failure(name, "\"\(text)\" is not a number of seconds")
            }
            return Int(seconds)
        }

        /// `Original Estimate` in seconds, at most the largest estimate in points.
        func originalEstimate() throws(CSVError) -> Int? {
            let seconds = try seconds("Original Estimate")
            if let seconds, Double(seconds) / Double(JiraIssue.secondsPerPoint) > ScoringBounds.estimate.upperBound {
                throw failure(
                    "Original Estimate",
                    "\(seconds) seconds is over \(NumberText.plain(ScoringBounds.estimate.upperBound)) story points")
            }
            return seconds
        }

        /// An error naming the column as the header writes it, and its 1-based position.
        func failure(_ name: String, _ problem: String) -> CSVError {
            let i = columns.first(name) ?? 0
            return CSVError(file: file, line: line, reason: "column \(i + 1) \"\(columns.names[i])\": \(problem)")
        }
    }
}

extension String {
    /// Empty or only spaces and tabs: a cell a spreadsheet left empty.
    var isBlank: Bool { allSatisfy { $0 == " " || $0 == "\t" } }
}

import Foundation

/// Writes an outage report in the canonical Markdown form of DESIGN.md section 3.
///
/// `OutageReportParser` reads the output back to the same report: fields that a
/// draft lacks are left out rather than written empty, and every action is
/// written with its key so that a re-import links the same actions.
public enum OutageReportWriter {
    public static func markdown(_ report: OutageReport) -> String {
        var out = "# "
        if let key = report.key { out += "\(key): " }
        out += report.title + "\n\n"
        func field(_ name: String, _ value: String?) {
            guard let value else { return }
            out += "- **\(name):** \(value)\n"
        }
        field("Description", report.description.isEmpty ? nil : oneLine(report.description))
        field("Date", report.startedAt.map(ReportDate.format))
        field("Outage time", report.outageMinutes.map(ReportDate.formatMinutes))
        field("Severity", report.severity?.description)
        field("Detected by", report.detectedBy.rawValue)
        field("Number of support tickets raised", report.tickets.map(String.init))
        field("Affected functionality", report.components.isEmpty ? nil : report.components.joined(separator: ", "))
        field("Categories", report.categories.isEmpty ? nil : report.categories.joined(separator: ", "))
        field("Team", report.team)
        out += "\n## Explanation of the problem\n"
        if !report.explanation.isEmpty { out += report.explanation + "\n" }
        out += "\n## Investigations\n"
        if !report.investigations.isEmpty { out += report.investigations + "\n" }
        out += "\n## Preventative measures and actions\n"
        for action in report.actions { out += bullet(action) }
        return out
    }

    /// One action bullet, with its description as indented lines below it.
    public static func bullet(_ action: ReportedAction) -> String {
        var line = action.completed ? "- [x] " : "- "
        if let kind = action.kind, action.title != nil { line += "[\(kind.rawValue)] " }
        if let key = action.key {
            line += key
            if let title = action.title { line += ": " + oneLine(title) }
        } else if let title = action.title {
            line += oneLine(title)
        }
        var attributes: [String] = []
        if let estimate = action.estimate { attributes.append("estimate: \(NumberText.plain(estimate))") }
        if let coverage = action.coverage, coverage != 1 {
            attributes.append("coverage: \(NumberText.plain(coverage))")
        }
        if let due = action.due { attributes.append("due: \(due)") }
        if let jira = action.jira { attributes.append("jira: \(jira)") }
        if let owner = action.owner { attributes.append("owner: \(owner)") }
        if !action.dependsOn.isEmpty { attributes.append("depends: \(action.dependsOn.joined(separator: " "))") }
        if !attributes.isEmpty { line += " (\(attributes.joined(separator: ", ")))" }
        line += "\n"
        for text in action.description.split(separator: "\n", omittingEmptySubsequences: true) {
            line += "  " + text + "\n"
        }
        return line
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

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

/// Numbers as people write them: `2`, not `2.0`; `0.5`; the shortest text that reads back exactly.
public enum NumberText {
    public static func plain(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// Two decimals (`843.76`), without `String(format:)`, which is slow on Linux and runs per row in exports.
    public static func twoDecimals(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
        let cents = Int((abs(value) * 100).rounded())
        let fraction = cents % 100
        return (value < 0 && cents > 0 ? "-" : "") + "\(cents / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// `digits` decimals (`0.5000`), as `printf`'s `%.Nf`, for the figures of tables and explanations.
    public static func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
}

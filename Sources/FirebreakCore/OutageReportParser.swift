import Foundation

/// Reads an outage report from Markdown: the canonical form of DESIGN.md section 3,
/// and real post-mortems in other shapes (SRE-book action tables, bullet lists under
/// "Action Items", grouped "Remediation" bullets).
///
/// The parser never invents a number: whatever a report does not state stays nil,
/// and the report is then a draft.
public struct OutageReportParser: Sendable {
    public init() {}

    /// Parses `text`; `file` names the source in errors (`FILE:LINE: reason`).
    public func parse(_ text: String, file: String) throws(ReportError) -> OutageReport {
        var state = ParseState(file: file)
        let lines = Self.splitLines(text)
        var index = state.skipFrontMatter(lines)
        while index < lines.count {
            try state.consume(lines[index], number: index + 1)
            index += 1
        }
        return try state.finish(fileName: (file as NSString).lastPathComponent, text: text)
    }

    static func splitLines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
    }
}

/// Which part of a report a line belongs to.
enum ReportSection: Equatable {
    /// Before the first heading below the title: the field bullets.
    case header
    case explanation
    case investigations
    case summary
    case timeline
    /// A section whose heading names actions; `completed` when its heading says they are done.
    case actions(level: Int, completed: Bool)
    case other

    /// Classifies a heading by the words in it.
    static func classify(_ heading: String, level: Int) -> ReportSection {
        let h = heading.lowercased()
        if h.contains("explanation") || h.hasPrefix("root cause") || h.contains("what caused") { return .explanation }
        if h.hasPrefix("investigation") { return .investigations }
        if h == "summary" || h == "overview" || h == "what happened" { return .summary }
        if h.hasPrefix("timeline") { return .timeline }
        let actionWords = [
            "action", "follow-up", "followup", "follow up", "remediation", "preventative", "preventive",
            "corrective",
        ]
        if actionWords.contains(where: h.contains) {
            return .actions(level: level, completed: Self.saysCompleted(h))
        }
        return .other
    }

    static func saysCompleted(_ heading: String) -> Bool {
        heading.contains("completed") || heading.contains("(done)") || heading.hasSuffix(" done")
    }
}

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
        state.dateOrder = NumericDateOrder.of(text)
        let lines = ReportLines.split(text)
        var index = state.skipFrontMatter(lines)
        while index < lines.count {
            try state.consume(lines[index], number: index + 1)
            index += 1
        }
        // The facts found in prose are looked for in the normalised text: "\r\n" is one Character. A line
        // the parser ignored (a misspelt field) is blank there, keeping the others' numbers.
        let prose =
            state.ignoredLines.isEmpty
            ? lines : lines.enumerated().map { state.ignoredLines.contains($0.offset + 1) ? "" : $0.element }
        return try state.finish(fileName: (file as NSString).lastPathComponent, text: prose.joined(separator: "\n"))
    }

}

import Foundation

/// The lines of a report as the parser reads them: any line ending (LF, CRLF or CR), no byte-order
/// mark, and setext headings (a line underlined by `===` or `---`) rewritten as ATX headings, so that
/// the rest of the parser knows one heading form. Line numbers are kept: the underline becomes blank.
enum ReportLines {
    static func split(_ text: String) -> [Substring] {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        // "\r\n" is one Character in Swift, and `isNewline` holds for it, for "\n" and for a lone "\r".
        var lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var inFence = false
        // A YAML front matter block ends with "---" below a "key: value" line: not a heading.
        var start = 0
        if lines.first?.trimmed() == "---", let end = lines.dropFirst().firstIndex(where: { $0.trimmed() == "---" }) {
            start = end + 1
        }
        for i in lines.indices.dropFirst(start) {
            let trimmed = lines[i].trimmed()
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            guard !inFence, i > 0, let level = underlineLevel(lines[i]), isHeadingText(lines[i - 1]) else {
                continue
            }
            lines[i - 1] = Substring(String(repeating: "#", count: level) + " " + lines[i - 1].trimmed())
            lines[i] = ""
        }
        return MarkdownText.referencesResolved(lines)
    }

    /// 1 for a `===` underline, 2 for `---`; nil for any other line. At most three spaces of indent.
    static func underlineLevel(_ line: Substring) -> Int? {
        let indent = line.prefix(while: { $0 == " " }).count
        guard indent <= 3 else { return nil }
        let body = line.dropFirst(indent).trimmed()
        guard let first = body.first, first == "=" || first == "-", body.allSatisfy({ $0 == first }) else {
            return nil
        }
        return first == "=" ? 1 : 2
    }

    /// A line that a setext underline turns into a heading: a paragraph's text, not a list item, a
    /// table row, a quote, a heading or a blank line.
    static func isHeadingText(_ line: Substring) -> Bool {
        let t = line.trimmed()
        guard !t.isEmpty, line.prefix(while: { $0 == " " }).count <= 3 else { return false }
        if t.hasPrefix("#") || t.hasPrefix("|") || t.hasPrefix(">") || t.hasPrefix("```") { return false }
        return ListItem(line) == nil && underlineLevel(line) == nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmed() -> String { trimmingWhitespace() }
}

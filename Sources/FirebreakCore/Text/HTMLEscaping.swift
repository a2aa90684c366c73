/// Escapes user text for HTML that is also well-formed XML (XHTML), in text and in quoted attributes.
///
/// `&`, `<`, `>`, `"` and `'` become character references. Control characters other than tab,
/// line feed and carriage return are not allowed in XML 1.0 nor in HTML text, so each becomes
/// U+FFFD, the replacement character, rather than making the page unreadable.
enum HTMLEscaping {
    /// `text` escaped, as a new string: for short pieces such as a table cell or an attribute.
    static func escaped(_ text: some StringProtocol) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        write(text, to: &result)
        return result
    }

    /// Writes `text` escaped to `out`, the runs without special characters in one piece each.
    static func write(_ text: some StringProtocol, to out: inout some TextOutputStream) {
        var run = ""
        for scalar in text.unicodeScalars {
            guard let replacement = reference(for: scalar) else {
                run.unicodeScalars.append(scalar)
                continue
            }
            if !run.isEmpty {
                out.write(run)
                run = ""
            }
            out.write(replacement)
        }
        if !run.isEmpty { out.write(run) }
    }

    /// The character reference that replaces `scalar`, or nil when it is written as it is.
    private static func reference(for scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\"": return "&quot;"
        // `&apos;` is not an HTML 4 entity; the numeric reference reads the same everywhere.
        case "'": return "&#39;"
        case "\t", "\n", "\r": return nil
        case "\u{0}"..."\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}": return "\u{FFFD}"
        default: return nil
        }
    }
}

import Foundation

/// A small Markdown to HTML renderer for outage reports shown in a page: ATX headings, bullet and
/// numbered lists (task boxes kept as ☐ and ☑), paragraphs, `**bold**` and `` `code` ``. Every
/// character of the text is escaped first, so a report can never add markup of its own; what it does
/// not know (tables, links, block quotes) is shown as the text it is.
public enum MarkdownHTML {
    /// `markdown` as HTML; a heading of level n becomes `h(n + headingOffset)`, at most `h6`.
    public static func render(_ markdown: String, headingOffset: Int = 0) -> String {
        var out = ""
        var paragraph: [String] = []
        var list: String?  // "ul" or "ol" while one is open

        func closeParagraph() {
            guard !paragraph.isEmpty else { return }
            out += "<p>" + paragraph.map(inline).joined(separator: "<br>\n") + "</p>\n"
            paragraph = []
        }
        func closeList() {
            if let open = list { out += "</\(open)>\n" }
            list = nil
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw).trimmingTrailingSpaces()
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty {
                closeParagraph()
                closeList()
                continue
            }
            if let (level, text) = heading(trimmed) {
                closeParagraph()
                closeList()
                let n = min(6, level + headingOffset)
                out += "<h\(n)>\(inline(text))</h\(n)>\n"
                continue
            }
            if let (kind, text) = listItem(trimmed) {
                closeParagraph()
                if list != kind {
                    closeList()
                    out += "<\(kind)>\n"
                    list = kind
                }
                out += "<li>\(inline(task(text)))</li>\n"
                continue
            }
            closeList()
            paragraph.append(String(trimmed))
        }
        closeParagraph()
        closeList()
        return out
    }

    /// `# text` to `###### text`: the level and the text.
    static func heading(_ line: Substring) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (hashes, String(rest.drop { $0 == " " }).trimmingTrailing("#"))
    }

    /// `- item`, `* item`, `+ item` (ul) or `1. item`, `1) item` (ol).
    static func listItem(_ line: Substring) -> (String, String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return ("ul", String(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " else { return nil }
        return ("ol", String(rest.dropFirst(2)))
    }

    /// A task box `[ ]` or `[x]` at the start of an item as the box a reader sees.
    static func task(_ text: String) -> String {
        if text.hasPrefix("[ ] ") { return "☐ " + text.dropFirst(4) }
        if text.hasPrefix("[x] ") || text.hasPrefix("[X] ") { return "☑ " + text.dropFirst(4) }
        return text
    }

    /// The text escaped, then `**bold**` and `` `code` `` pairs made elements; an unpaired mark stays text.
    static func inline(_ text: String) -> String {
        var escaped = ""
        HTMLEscaping.write(text, to: &escaped)
        return paired(paired(escaped, "`", "code"), "**", "strong")
    }

    static func paired(_ text: String, _ mark: String, _ element: String) -> String {
        let parts = text.components(separatedBy: mark)
        var out = parts[0]
        var index = 1
        // Part i follows the i-th mark; it is enclosed when another mark follows it.
        while index < parts.count {
            if index + 1 < parts.count {
                out += "<\(element)>\(parts[index])</\(element)>" + parts[index + 1]
                index += 2
            } else {
                out += mark + parts[index]
                index += 1
            }
        }
        return out
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }

    fileprivate func trimmingTrailing(_ mark: Character) -> String {
        var s = self
        while let last = s.last, last == mark || last == " " { s.removeLast() }
        return s
    }
}

import Foundation

/// Markdown inline markup reduced to the text a reader sees, for titles read from real reports.
enum MarkdownText {
    /// `[text](url)` becomes `text`; footnote references (`[^3]`, `^[163](url)^`) go. Idempotent.
    static func plain(_ text: String) -> String {
        var text = text
        if text.contains("`") { text.removeAll { $0 == "`" } }
        if text.contains("<http") { text = autolinksUnwrapped(text) }
        guard text.contains("[") else { return text.trimmingWhitespace() }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "]") else {
                rest = rest[open...]
                break
            }
            let inner = rest[afterOpen..<close]
            var next = rest.index(after: close)
            if inner.hasPrefix("^") {
                rest = rest[next...]  // a footnote reference
                continue
            }
            if rest[next...].hasPrefix("("), let end = rest[next...].firstIndex(of: ")") {
                next = rest.index(after: end)
                if out.hasSuffix("^") { out.removeLast() }  // ^[163](url)^: a footnote as a superscript link
                if !inner.allSatisfy(\.isNumber) { out += inner }
                rest = rest[next...]
                if out.last != "^", rest.hasPrefix("^"), inner.allSatisfy(\.isNumber) { rest = rest.dropFirst() }
                continue
            }
            out += rest[open..<next]
            rest = rest[next...]
        }
        out += rest
        return out.trimmingWhitespace()
    }

    /// `<https://example.com>` becomes `https://example.com`.
    static func autolinksUnwrapped(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<http") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else {
                rest = rest[open.lowerBound...]
                break
            }
            out += rest[rest.index(after: open.lowerBound)..<close]
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Reference-style links (`[#11134]` or `[text][ref]` with a `[#11134]: url` line elsewhere)
    /// reduced to their text, in every line; the definitions stay. Nothing changes without one.
    static func referencesResolved(_ lines: [Substring]) -> [Substring] {
        var labels: Set<String> = []
        for line in lines {
            let t = line.drop(while: { $0 == " " })
            guard t.hasPrefix("["), !t.hasPrefix("[^"), let close = t.range(of: "]: ") else { continue }
            labels.insert(t[t.index(after: t.startIndex)..<close.lowerBound].lowercased())
        }
        guard !labels.isEmpty else { return lines }
        return lines.map { line in
            guard line.contains("]") else { return line }
            var out = ""
            var rest = line[...]
            while let open = rest.firstIndex(of: "[") {
                out += rest[..<open]
                let after = rest.index(after: open)
                guard let close = rest[after...].firstIndex(of: "]") else {
                    rest = rest[open...]
                    break
                }
                let label = rest[after..<close]
                var next = rest.index(after: close)
                if rest[next...].hasPrefix("["), let end = rest[next...].firstIndex(of: "]"),
                    labels.contains(rest[rest.index(after: next)..<end].lowercased())
                {
                    out += label  // [text][ref]
                    rest = rest[rest.index(after: end)...]
                } else if labels.contains(label.lowercased()), !rest[next...].hasPrefix(":"),
                    !rest[next...].hasPrefix("(")
                {
                    out += label  // [ref]
                    rest = rest[next...]
                } else {
                    next = rest.index(after: close)
                    out += rest[open..<next]
                    rest = rest[next...]
                }
            }
            return Substring(out + rest)
        }
    }
}

import Foundation

/// Splits a plain-SQL migration into statements, since the extended query protocol
/// that PostgresNIO speaks runs one statement at a time.
///
/// Semicolons inside quotes, quoted identifiers, comments and dollar-quoted bodies
/// (`$$ ... $$`, `$fn$ ... $fn$`) do not split.
enum SQLScript {
    static func statements(_ sql: String) -> [String] {
        let chars = Array(sql.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var i = 0
        func flush() {
            let text = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty, !isOnlyComments(text) { statements.append(text) }
            current = String.UnicodeScalarView()
        }
        while i < chars.count {
            let c = chars[i]
            let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == "-" && next == "-" {
                while i < chars.count && chars[i] != "\n" {
                    current.append(chars[i])
                    i += 1
                }
                continue
            }
            if c == "/" && next == "*" {
                let end = find(["*", "/"], in: chars, from: i + 2) ?? chars.count
                current.append(contentsOf: chars[i..<min(end, chars.count)])
                i = end
                continue
            }
            if c == "'" || c == "\"" {
                var j = i + 1
                while j < chars.count {
                    if chars[j] == c {
                        if j + 1 < chars.count && chars[j + 1] == c {
                            j += 2
                            continue
                        }
                        break
                    }
                    j += 1
                }
                let end = min(j + 1, chars.count)
                current.append(contentsOf: chars[i..<end])
                i = end
                continue
            }
            if c == "$", let tagEnd = dollarTagEnd(chars, from: i) {
                let tag = Array(chars[i...tagEnd])
                let close = find(tag, in: chars, from: tagEnd + 1) ?? chars.count
                current.append(contentsOf: chars[i..<min(close, chars.count)])
                i = close
                continue
            }
            if c == ";" {
                flush()
                i += 1
                continue
            }
            current.append(c)
            i += 1
        }
        flush()
        return statements
    }

    /// The index of the closing `$` of a dollar-quote tag starting at `start`, if it is one.
    private static func dollarTagEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var j = start + 1
        while j < chars.count {
            let c = chars[j]
            if c == "$" { return j }
            guard c == "_" || c.properties.isAlphabetic || (j > start + 1 && ("0"..."9").contains(c)) else {
                return nil
            }
            j += 1
        }
        return nil
    }

    /// The index just past `needle` at or after `from`.
    private static func find(_ needle: [Unicode.Scalar], in chars: [Unicode.Scalar], from: Int) -> Int? {
        guard needle.count <= chars.count else { return nil }
        var i = from
        while i + needle.count <= chars.count {
            if Array(chars[i..<i + needle.count]) == needle { return i + needle.count }
            i += 1
        }
        return nil
    }

    private static func isOnlyComments(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return line.isEmpty || line.hasPrefix("--")
        }
    }
}

import Foundation

/// One line of a Markdown list: `- text`, `* text`, `+ text`, `1. text` or `1) text`, with an
/// optional task-list checkbox (`- [ ] text`, `- [x] text`).
struct ListItem: Equatable {
    /// Columns before the marker; a tab counts as four.
    var indent: Int
    /// `1.` and `1)` items, as opposed to bullets.
    var ordered: Bool
    /// Nil without a checkbox; true for `[x]`.
    var checked: Bool?
    var text: String

    init?(_ line: Substring) {
        var columns = 0
        var rest = line[...]
        while let c = rest.first, c == " " || c == "\t" {
            columns += c == "\t" ? 4 : 1
            rest = rest.dropFirst()
        }
        if let marker = rest.first, "-*+".contains(marker) {
            let after = rest.dropFirst()
            guard after.first == " " || after.first == "\t" else { return nil }
            // "* * *" and "- - -" are thematic breaks, not items.
            if after.allSatisfy({ $0 == marker || $0 == " " || $0 == "\t" }) { return nil }
            rest = after
            ordered = false
        } else {
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard (1...3).contains(digits.count) else { return nil }
            let after = rest.dropFirst(digits.count)
            guard let mark = after.first, mark == "." || mark == ")" else { return nil }
            let body = after.dropFirst()
            guard body.first == " " || body.first == "\t" else { return nil }
            rest = body
            ordered = true
        }
        indent = columns
        var body = rest.trimmed()[...]
        checked = nil
        if body.count >= 3, body.hasPrefix("["), body.dropFirst(2).hasPrefix("]") {
            let mark = body.dropFirst().first!
            if mark == " " || mark == "x" || mark == "X" {
                checked = mark != " "
                body = body.dropFirst(3)
            }
        }
        text = body.trimmed()
    }
}

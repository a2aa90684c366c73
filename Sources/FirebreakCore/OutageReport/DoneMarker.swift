import Foundation

/// The ways reports say an action is done: ✅, "(done)", "(Completed)", a "DONE:" prefix, or
/// the whole text ~~struck through~~. A task-list `[x]` is read by ``ListItem``.
enum DoneMarker {
    /// The text without its done marker, and whether it had one.
    static func strip(_ text: String) -> (String, Bool) {
        var t = text.trimmed()
        var done = false
        for mark in ["✅", "✔️", "✔", "☑️", "☑"] where t.utf8Contains(mark) && t.contains(mark) {
            t = t.replacingOccurrences(of: mark, with: "").trimmed()
            done = true
        }
        if t.count > 4, t.hasPrefix("~~"), t.hasSuffix("~~") {
            t = String(t.dropFirst(2).dropLast(2)).trimmed()
            done = true
        }
        let lower = t.lowercased()
        for prefix in ["[done]", "**done**", "done:", "done -", "(done)", "completed:"] where lower.hasPrefix(prefix) {
            t = String(t.dropFirst(prefix.count)).trimmed()
            done = true
            break
        }
        if t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
            let inner = t[t.index(after: open)..<t.index(before: t.endIndex)].trimmed()
            if saysDone(inner) {
                t = String(t[..<open]).trimmed()
                done = true
            } else if saysOpen(inner) {
                t = String(t[..<open]).trimmed()  // "(in progress)": a status, not part of the title
            }
        }
        // "Use our PSPs - this has already been done.", "Purge the logs; Completed as of 2021-10-29."
        for separator in [" - ", "; ", " — ", " – "] where t.contains(separator) {
            guard let mark = t.range(of: separator, options: .backwards) else { continue }
            if saysDoneClause(String(t[mark.upperBound...])) {
                t = String(t[..<mark.lowerBound]).trimmed()
                done = true
                break
            }
        }
        return (t, done)
    }

    /// A closing clause that says the work is done: "this has already been done", "done", "Completed
    /// as of 2021-10-29", "fixed on 3 May"; not "fixed alert thresholds", which names more work.
    static func saysDoneClause(_ clause: String) -> Bool {
        let c = clause.lowercased().trimmingCharacters(in: .punctuationCharacters).trimmed()
        if ["this has already been done", "this has been done", "already done"].contains(c) { return true }
        let words = c.split(separator: " ")
        guard let first = words.first,
            ["done", "completed", "complete", "fixed", "resolved", "finished"].contains(first)
        else { return false }
        guard words.count > 1 else { return true }
        return ["as", "on", "in", "since", "at", "by"].contains(words[1]) || words[1].first?.isNumber == true
    }

    /// A parenthesis that gives an open item's status: "(in progress)", "(WIP)", "(planned)".
    static func saysOpen(_ text: String) -> Bool {
        ["in progress", "in-progress", "wip", "ongoing", "planned", "todo", "to do", "not started", "pending", "open"]
            .contains(text.lowercased())
    }

    /// A status cell or parenthesis that says done: "Done", "DONE", "Completed", "Complete",
    /// "Fixed", "Resolved", "Closed", ✅; optionally followed by a date or a note.
    static func saysDone(_ text: String) -> Bool {
        let t = text.lowercased().replacingOccurrences(of: "*", with: "").trimmed()
        if t.contains("✅") || t.contains("✔") { return true }
        let word = t.prefix(while: \.isLetter)
        return ["done", "completed", "complete", "fixed", "resolved", "closed", "finished"].contains(String(word))
    }
}

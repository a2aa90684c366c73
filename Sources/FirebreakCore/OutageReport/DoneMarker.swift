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
        // "Use our PSPs - this has already been done."
        if t.utf8Contains(" - "), let dash = t.range(of: " - ", options: .backwards) {
            let clause = t[dash.upperBound...].lowercased().trimmingCharacters(in: .punctuationCharacters)
            if ["done", "completed", "this has already been done", "this has been done", "already done"].contains(
                clause)
            {
                t = String(t[..<dash.lowerBound]).trimmed()
                done = true
            }
        }
        return (t, done)
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

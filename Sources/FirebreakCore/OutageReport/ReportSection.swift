import Foundation

/// Which part of a report a line belongs to.
enum ReportSection: Equatable {
    /// Before the first heading below the title: the field bullets.
    case header
    case explanation
    case investigations
    case summary
    case timeline
    /// A `## Date` section: its first date is the start.
    case date
    /// A section whose heading names actions; `level` 7 is a bold line ("**Action Items:**"), which
    /// any real heading ends. `completed` when its heading says they are done.
    case actions(level: Int, completed: Bool)
    /// What went well, lessons and the like: never actions, never fields.
    case narrative
    /// "Impact": never actions, but the facts it lists (support tickets, duration) are read.
    case impact
    case other

    /// Classifies a heading by the words in it.
    static func classify(_ heading: String, level: Int) -> ReportSection {
        let h = numberStripped(MarkdownText.plain(heading).lowercased().replacingOccurrences(of: "*", with: ""))
        let strongAction = [
            "action item", "follow-up", "follow up", "followup", "remediation", "next step", "preventative",
            "preventive", "corrective", "action plan", "to do", "todo",
            // The same in the languages reports are often written in besides English.
            "再発防止", "対策", "改善策", "acciones", "medidas correctivas", "maßnahmen", "massnahmen",
            "actions correctives", "plan d'action", "ações", "azioni correttive", "maatregelen",
        ]
        // Headings that name what will be done next, with no word for actions in them.
        let forward = ["looking forward", "going forward", "future work", "what we are doing", "what we're doing"]
        if forward.contains(where: h.hasPrefix) { return .actions(level: level, completed: false) }
        if strongAction.contains(where: h.contains) { return .actions(level: level, completed: saysCompleted(h)) }
        if h.contains("timeline") || h.contains("key events") || h.contains("chronology") || h == "events"
            || h.contains("sequence of events")
        {
            return .timeline
        }
        let narrative = [
            "went well", "went wrong", "go well", "go wrong", "gone better", "lesson", "learning", "lucky",
            "impact", "attendee", "supporting", "appendix", "glossary", "acknowledg", "thank", "reference",
            "trigger", "detection", "resolution", "recovery", "responders", "contributors",
        ]
        if h.contains("explanation") || h.hasPrefix("root cause") || h.contains("what caused")
            || h.contains("contributing factor") || h.hasPrefix("cause")
        {
            return .explanation
        }
        if h.hasPrefix("impact") || h.hasPrefix("customer impact") || h.hasPrefix("business impact") {
            return .impact
        }
        if narrative.contains(where: h.contains) { return .narrative }
        if h.hasPrefix("investigation") { return .investigations }
        let summaries = [
            "summary", "overview", "what happened", "incident summary", "description", "background",
            "executive summary", "tl;dr", "tldr",
        ]
        if summaries.contains(h) {
            return .summary
        }
        if h == "date" || h == "dates" || h == "when" { return .date }
        // "## May 12" or "### 2018-02-22 16:30": a day of a timeline.
        if h.count < 40,
            ForeignFacts.proseDate(in: h, anywhere: true, year: 2000) != nil
                || CalendarDate(String(h.prefix(10))) != nil
        {
            return .timeline
        }
        if (h.contains("action") || h.contains("measure")) && !h.contains("taken") && !h.contains("response") {
            return .actions(level: level, completed: saysCompleted(h))
        }
        return .other
    }

    /// A heading without its number: "5. action items" → "action items", "iv) impact" → "impact".
    static func numberStripped(_ heading: String) -> String {
        let words = heading.split(separator: " ", maxSplits: 1)
        guard words.count == 2, let mark = words[0].last, mark == "." || mark == ")" else { return heading }
        let number = words[0].dropLast()
        let roman = !number.isEmpty && number.allSatisfy { "ivxlc".contains($0) }
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }) || roman else { return heading }
        return String(words[1])
    }

    /// A heading that says the actions below it are done: "Completed", "(done)", "Done".
    static func saysCompleted(_ heading: String) -> Bool {
        let h = heading.lowercased()
        let words = h.split(whereSeparator: { !$0.isLetter && $0 != "-" })
        if words.contains(where: { ["not", "in-progress", "planned", "pending", "open", "todo"].contains($0) }) {
            return false
        }
        // Not "complete": "To complete before re-enabling sync" names work still to do.
        return words.contains(where: { ["completed", "done", "finished"].contains($0) })
    }

    /// The usual names of an actions section, which a line of plain text may carry alone.
    static func isActionsName(_ text: String) -> Bool {
        let t = text.lowercased().replacingOccurrences(of: "*", with: "").trimmed()
        return [
            "action items", "action item", "actions", "follow-ups", "follow ups", "followups", "follow-up items",
            "next steps", "remediation", "remediations", "remediation items", "corrective actions",
            "preventative actions", "preventive actions", "preventative measures", "preventive measures",
            "action plan", "todo", "to do", "to-do",
        ].contains(t)
    }

    var yieldsActions: Bool {
        if case .actions = self { return true }
        return false
    }
}

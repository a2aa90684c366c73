import Foundation

/// Parses the text of one action bullet: `[kind] (KEY: )?title (attributes)?`.
enum ActionBullet {
    static let attributeNames = ["estimate", "coverage", "due", "jira", "owner", "depends"]

    static func parse(_ text: String, line: Int, file: String) throws(ReportError) -> ReportedAction {
        var tracker: String?
        var action = try parse(text, line: line, file: file, tracker: &tracker)
        if let tracker {
            if ItemKey.isValid(tracker), action.jira == nil {
                action.jira = tracker
            } else {
                action.description =
                    "Tracked in \(tracker)." + (action.description.isEmpty ? "" : "\n" + action.description)
            }
        }
        return action
    }

    /// The action, and in `tracker` the issue a leading `[#2226]:` names.
    private static func parse(
        _ text: String, line: Int, file: String, tracker: inout String?
    ) throws(ReportError) -> ReportedAction {
        func fail(_ reason: String) -> ReportError { ReportError(file: file, line: line, reason: reason) }
        var action = ReportedAction(line: line)
        var rest = text.trimmingWhitespace()[...]

        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]"), !rest[close...].hasPrefix("](") {
            let inner = rest[rest.index(after: rest.startIndex)..<close].trimmingWhitespace()
            if inner.isEmpty || inner.lowercased() == "x" {
                action.completed = inner.lowercased() == "x"  // a GitHub task-list checkbox
                rest = rest[rest.index(after: close)...].drop(while: { $0 == " " })
            } else if let kind = ActionKind(rawValue: inner.lowercased()) {
                action.kind = kind
                rest = rest[rest.index(after: close)...].drop(while: { $0 == " " })
            } else if rest[rest.index(after: close)...].hasPrefix(": "), !inner.contains(" ") {
                // "[#2226]: Add simple logging": the issue that tracks the action, then the action.
                tracker = String(inner)
                rest = rest[rest.index(after: close)...].dropFirst(2).drop(while: { $0 == " " })
            } else if let near = Self.nearestKind(inner) {
                // "[detcet]" is a typo of a kind; "[WIP]" or "[P1]" is part of a real report's title.
                throw fail("unknown action kind \"[\(inner)]\"; did you mean [\(near.rawValue)]?")
            }
        }

        if let (attributes, remainder) = try trailingAttributes(rest, fail: fail) {
            try apply(attributes, to: &action, fail: fail)
            rest = remainder
        }

        let body = rest.trimmingWhitespace()
        if ItemKey.isValid(body) {
            action.key = body
            return action
        }
        var titleText = body[...]
        if let colon = body.firstIndex(of: ":"), ItemKey.isValid(body[..<colon]) {
            action.key = String(body[..<colon])
            titleText = body[body.index(after: colon)...].drop(while: { $0 == " " })
        }
        let (title, description) = splitTitle(MarkdownText.plain(String(titleText)))
        guard !title.isEmpty else { throw fail("the action has no title") }
        action.title = title
        if !description.isEmpty { action.description = description }
        return action
    }

    /// The kind a bracketed tag is a typo of (at most two letters off), nil when it is no kind's.
    static func nearestKind(_ tag: String) -> ActionKind? {
        let lower = tag.lowercased()
        return ActionKind.allCases.first { EditDistance.between(lower, $0.rawValue) <= 2 }
    }

    /// A trailing `(name: value, ...)` whose names are all attribute names; nil when the text has none.
    static func trailingAttributes(
        _ text: Substring, fail: (String) -> ReportError
    ) throws(ReportError) -> ([(String, String)], Substring)? {
        let t = text.trimmingWhitespace()[...]
        guard t.hasSuffix(")") else { return nil }
        var depth = 0
        var open: Substring.Index?
        var i = t.index(before: t.endIndex)
        while true {
            if t[i] == ")" { depth += 1 }
            if t[i] == "(" {
                depth -= 1
                if depth == 0 {
                    open = i
                    break
                }
            }
            if i == t.startIndex { break }
            i = t.index(before: i)
        }
        guard let open else { return nil }
        let inner = t[t.index(after: open)..<t.index(before: t.endIndex)]
        var pairs: [(String, String)] = []
        for part in inner.split(separator: ",") {
            guard let colon = part.firstIndex(of: ":") else { return nil }
            let name = part[..<colon].trimmingWhitespace().lowercased()
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter }) else { return nil }
            pairs.append((name, part[part.index(after: colon)...].trimmingWhitespace()))
        }
        guard !pairs.isEmpty, pairs.contains(where: { attributeNames.contains($0.0) }) else { return nil }
        if let unknown = pairs.first(where: { !attributeNames.contains($0.0) }) {
            throw fail(
                "unknown attribute \"\(unknown.0)\"; expected estimate, coverage, due, jira, owner or depends")
        }
        return (pairs, t[..<open])
    }

    static func apply(
        _ attributes: [(String, String)], to action: inout ReportedAction, fail: (String) -> ReportError
    ) throws(ReportError) {
        for (name, value) in attributes {
            switch name {
            case "estimate":
                guard let n = Double(value), ScoringBounds.estimate.contains(n) else {
                    throw fail(
                        "estimate \"\(value)\" is not a number of story points \(ScoringBounds.text(ScoringBounds.estimate))"
                    )
                }
                action.estimate = n
            case "coverage":
                guard let c = Double(value), ScoringBounds.coverage.contains(c) else {
                    throw fail("coverage \"\(value)\" is not a number \(ScoringBounds.text(ScoringBounds.coverage))")
                }
                action.coverage = c
            case "due":
                guard let d = CalendarDate(value) else { throw fail("due date \"\(value)\" is not YYYY-MM-DD") }
                action.due = d
            case "jira":
                guard ItemKey.isValid(value) else {
                    throw fail("jira key \"\(value)\" is not an issue key like OPS-12")
                }
                action.jira = value
            case "owner":
                guard !value.isEmpty else { throw fail("owner is empty") }
                action.owner = value
            default:  // depends
                let keys = value.split(whereSeparator: { $0 == " " || $0 == ";" }).map(String.init)
                if keys.isEmpty { throw fail("depends names no action") }
                if let bad = keys.first(where: { !ItemKey.isValid($0) }) {
                    throw fail("depends names \"\(bad)\", which is not an action key like ACT-3")
                }
                action.dependsOn += keys
            }
        }
    }

    /// `**Title**: explanation` → ("Title", "explanation"); a long plain bullet keeps its first sentence as the title.
    static func splitTitle(_ text: String) -> (String, String) {
        var t = text.trimmingWhitespace()
        if t.hasPrefix("**") {
            let inner = t.dropFirst(2)
            if let close = inner.range(of: "**") {
                var title = inner[..<close.lowerBound].trimmingWhitespace()
                if title.hasSuffix(":") { title.removeLast() }
                var rest = inner[close.upperBound...].trimmingWhitespace()
                if rest.hasPrefix(":") { rest = rest.dropFirst().trimmingWhitespace() }
                return (title, rest)
            }
        }
        t = t.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard t.count > 200 else { return (t, "") }
        if let stop = t.range(of: ". "), t.distance(from: t.startIndex, to: stop.lowerBound) < 200 {
            return (String(t[..<stop.lowerBound]), t)
        }
        let cut = t.prefix(197)
        let word = cut.lastIndex(of: " ") ?? cut.endIndex
        return (String(cut[..<word]) + "…", t)
    }
}

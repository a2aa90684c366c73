import Foundation

/// Dates and durations that post-mortems in other shapes state in prose or in a
/// timeline table. Only what the report states is taken; nothing is estimated.
struct ForeignFacts {
    let text: String
    let timeline: [Substring]

    /// The first `YYYY-MM-DD HH:MM` row of a timeline table, in the zone its header or text names;
    /// else "On September 29, 2025 ... from 16:58 to 18:46 UTC".
    func startedAt() -> Date? {
        var offset = Self.zoneOffset(in: text) ?? 0
        for line in timeline {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("|"), let zone = Self.zoneOffset(in: t) { offset = zone }
            guard t.hasPrefix("|") else { continue }
            let first = ActionCollector.cells(t).first ?? ""
            guard first.count >= 16, let local = ReportDate.parse(String(first.prefix(16))) else { continue }
            return local.addingTimeInterval(TimeInterval(-offset))
        }
        guard let day = Self.proseDate(in: text), let (from, _) = Self.fromTo(in: text) else { return nil }
        return day.startOfDay.addingTimeInterval(TimeInterval(from * 60))
    }

    /// "lasting 1 hour and 48 minutes", "Time to recovery: 5 minutes", or "from 16:58 to 18:46".
    func outageMinutes() -> Int? {
        let lower = text.lowercased()
        if let range = lower.range(of: "lasting ") {
            let words = lower[range.upperBound...].prefix(60).split(whereSeparator: { " ,.".contains($0) })
            var total = 0
            var matched = false
            var i = 0
            // Each number at most `maxMinutes`, so that neither `n * 60` nor the sum of a few overflows.
            while i + 1 < words.count, let n = Int(words[i]), (0...ReportDate.maxMinutes).contains(n) {
                if words[i + 1].hasPrefix("hour") {
                    total += n * 60
                } else if words[i + 1].hasPrefix("minute") {
                    total += n
                } else {
                    break
                }
                matched = true
                i += 2
                if i < words.count, words[i] == "and" { i += 1 }
            }
            if matched, total <= ReportDate.maxMinutes { return total }
        }
        if let range = lower.range(of: "time to recovery:") {
            let rest = lower[range.upperBound...].prefix(40).trimmingCharacters(in: .whitespaces)
            let line = rest.split(separator: "\n").first.map(String.init) ?? rest
            if let minutes = ReportDate.minutes(line) { return minutes }
        }
        if let (from, to) = Self.fromTo(in: text) { return to >= from ? to - from : to + 1440 - from }
        return nil
    }

    /// Seconds east of UTC for "UTC", "CET" or "CEST" named in a heading, a table header or the text.
    static func zoneOffset(in text: String) -> Int? {
        let words = Set(text.split(whereSeparator: { !$0.isLetter }).map(String.init))
        if words.contains("CEST") { return 7200 }
        if words.contains("CET") { return 3600 }
        if words.contains("UTC") || words.contains("GMT") { return 0 }
        return nil
    }

    /// "from HH:MM to HH:MM" as minutes after midnight.
    static func fromTo(in text: String) -> (Int, Int)? {
        var searchFrom = text.startIndex
        while let range = text.range(of: "from ", range: searchFrom..<text.endIndex) {
            searchFrom = range.upperBound
            let words = text[range.upperBound...].prefix(30).split(separator: " ")
            if words.count >= 3, words[1] == "to", let a = clock(words[0]), let b = clock(words[2]) { return (a, b) }
        }
        return nil
    }

    static func clock(_ word: Substring) -> Int? {
        let parts = word.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1].prefix(2)), h < 24, m < 60 else {
            return nil
        }
        return h * 60 + m
    }

    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    /// "On September 29, 2025" or "On Wednesday 30th June 2021".
    static func proseDate(in text: String) -> CalendarDate? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" })
        for i in words.indices where words[i] == "On" {
            let window = words[(i + 1)..<min(words.count, i + 5)].map { $0.lowercased() }
            guard let m = window.firstIndex(where: { months.contains($0) }) else { continue }
            let month = months.firstIndex(of: window[m])! + 1
            let numbers = window.compactMap { Int($0.prefix(while: \.isNumber)) }
            guard let day = numbers.first(where: { (1...31).contains($0) }),
                let year = numbers.first(where: { $0 > 1900 })
            else { continue }
            return CalendarDate(year: year, month: month, day: day)
        }
        return nil
    }
}

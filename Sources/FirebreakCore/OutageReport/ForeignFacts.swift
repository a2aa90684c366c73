import Foundation

/// Dates and durations that post-mortems in other shapes state in prose, a `## Date` section or a
/// timeline. Only what the report states is taken; nothing is estimated.
struct ForeignFacts {
    let text: String
    let timeline: [Substring]
    let dateLines: [Substring]
    /// The day a timeline of bare times ("14:51", "### 5:00 PM") is on when no row names one:
    /// the report's date field, its title's date, or "On September 29, 2025" in its prose.
    let fallbackDay: CalendarDate?
    /// How the report writes `NN-NN-YYYY` dates, where it shows it.
    var dateOrder: NumericDateOrder? = nil

    /// The earliest time the timeline states, in the zone the report names; else the date of a
    /// `## Date` section; else "From November 11, 4:02 PM UTC to ..."; else "On September 29,
    /// 2025 ... from 16:58 to 18:46 UTC".
    func startedAt() -> Date? {
        if let earliest = timelineTimes().min() { return earliest }
        for line in dateLines {
            let t = Self.squeezed(line.trimmed())
            if let date = ReportDate.parse(t) ?? Self.leadingDate(t).map({ $0.startOfDay }) { return date }
            if let day = Self.proseDate(in: t, anywhere: true, year: fallbackDay?.year) { return day.startOfDay }
        }
        if let (from, _) = proseRange() { return from }
        guard let day = Self.proseDate(in: text, anywhere: false), let (from, _) = Self.fromTo(in: text) else {
            return nil
        }
        return day.startOfDay.addingTimeInterval(TimeInterval(from * 60 - (Self.zoneOffset(in: text) ?? 0)))
    }

    /// Every instant the timeline states, read in the zone its own lines name, else the report's.
    /// A row is a table row, a list item or a heading; it may name a day (`2021-02-15 06:05`,
    /// `## May 13`) or only a time below a day named before (`- 14:51`, `[08:47]`, `` `07:35` ``).
    func timelineTimes() -> [Date] {
        var offset = Self.zoneOffset(in: timeline.joined(separator: "\n")) ?? Self.zoneOffset(in: text) ?? 0
        var day = fallbackDay
        var lastClock: Int?
        var times: [Date] = []
        for line in timeline {
            var t = line.trimmed()
            if t.hasPrefix("|") {
                let cells = ActionCollector.cells(t)
                if ActionCollector.isDelimiterRow(cells) { continue }
                t = cells.prefix(2).joined(separator: " ")
            } else if let item = ListItem(line) {
                t = item.text
            }
            t = Self.squeezed(t.filter { !"*`[]_".contains($0) })
            guard !t.isEmpty else { continue }
            if !t.first!.isNumber, let zone = Self.zoneOffset(in: t), Self.clock(at: t) == nil { offset = zone }
            if let (date, minutes) = Self.dateTime(in: t, order: dateOrder) {
                (day, lastClock) = (date, minutes)
                if let minutes { times.append(date.startOfDay.addingTimeInterval(TimeInterval(minutes * 60 - offset))) }
            } else if let minutes = Self.clock(at: t),
                var current = Self.proseDate(
                    in: t.split(separator: " ").prefix(6).joined(separator: " "), anywhere: true,
                    year: day?.year ?? fallbackDay?.year) ?? day
            {
                // "12:45 PM PST Saturday Oct 30th: First wave begins" names its own day next to its time (a
                // date further on is what the row talks about); bare times run on past midnight: 23:00
                // then 00:40 is the next day.
                if current == day, let last = lastClock, minutes < last - 60 {
                    current = CalendarDate(daysSinceEpoch: current.daysSinceEpoch + 1)
                }
                (day, lastClock) = (current, minutes)
                times.append(current.startOfDay.addingTimeInterval(TimeInterval(minutes * 60 - offset)))
            } else if t.count < 60, let prose = Self.proseDate(in: t, anywhere: true, year: day?.year) {
                (day, lastClock) = (prose, nil)
            }
        }
        return times
    }

    /// The outage's length as the report states it: "Duration: 21:45 to 23:28 UTC (103 minutes)"
    /// (several such lines, one per outage of a report that covers more than one, add up), "Time to
    /// recovery: 55 minutes", "lasting 1 hour and 48 minutes", "a period of 30 minutes", "From
    /// November 11, 4:02 PM UTC to November 14, 3:02 PM UTC", or "from 16:58 to 18:46".
    func outageMinutes() -> Int? {
        let lower = text.lowercased().replacingOccurrences(of: "*", with: "")
        let durations = Self.values(after: "duration:", in: lower).compactMap(Self.duration)
        if durations.count > 1 {
            let total = durations.reduce(0, +)
            return total <= ReportDate.maxMinutes ? total : nil
        }
        let leads = [
            "time to recovery:", "time to recover:", "time to repair:", "time to restore:", "total duration:",
            "outage duration:", "duration:", "downtime:", "lasting for ", "lasting ", "lasted for ", "lasted ",
            "down for ", "outage of ", "for a total of ", "a period of ", "unavailable for ", "inaccessible for ",
            "downtime for ", "downtime of ", "offline for ", "halted for ", "degraded for ",
        ]
        var best: (position: String.Index, minutes: Int)?
        for lead in leads {
            for (position, value) in Self.values(after: lead, in: lower).map({ ($0.startIndex, $0) }) {
                guard let minutes = Self.duration(value) else { continue }
                if best == nil || position < best!.position { best = (position, minutes) }
                break
            }
        }
        if let best { return best.minutes }
        if let minutes = Self.lengthBefore([" of downtime", " of outage", " of total downtime"], in: lower) {
            return minutes  // "the chain incurred 22 hours of downtime"
        }
        if let (from, to) = proseRange() {
            let minutes = Int(to.timeIntervalSince(from) / 60)
            return (0...ReportDate.maxMinutes).contains(minutes) ? minutes : nil
        }
        if let (from, to) = Self.fromTo(in: text) { return to >= from ? to - from : to + 1440 - from }
        return nil
    }

    /// A length written right before one of `tails`: "22 hours of downtime", "about 3 hours of outage".
    static func lengthBefore(_ tails: [String], in lower: String) -> Int? {
        for tail in tails {
            guard let range = lower.range(of: tail) else { continue }
            let words = lower[..<range.lowerBound].split(whereSeparator: { $0 == " " || $0 == "\n" }).suffix(4)
            // The longest run of words before the tail that reads as a length: "1 hour and 20 minutes".
            for start in words.indices {
                if let minutes = ReportDate.minutes(words[start...].joined(separator: " ")) { return minutes }
            }
        }
        return nil
    }

    /// The rest of each line after `lead`.
    static func values(after lead: String, in lower: String) -> [Substring] {
        var found: [Substring] = []
        var from = lower.startIndex
        while let range = lower.range(of: lead, range: from..<lower.endIndex) {
            from = range.upperBound
            let rest = lower[range.upperBound...].prefix(80)
            found.append(rest.prefix(while: { !$0.isNewline }))
        }
        return found
    }

    /// A duration as a value states it: "55 minutes", "~1hr", "about 2 hours", "21:45 to 23:28 UTC
    /// (103 minutes)" (the parenthesis wins), or a range of clock times.
    static func duration(_ value: Substring) -> Int? {
        var v = value.trimmed()
        if let open = v.firstIndex(of: "("), let minutes = ReportDate.minutes(String(v[v.index(after: open)...])) {
            return minutes
        }
        v = String(Self.withoutHedge(v[...]))
        if let (from, to) = fromTo(in: "from " + v) { return to >= from ? to - from : to + 1440 - from }
        // "21:45" alone is a time of day, not a duration of 21 hours.
        if v.split(separator: " ").count > 1, clock(v.split(separator: " ")[0]) != nil,
            v.split(separator: " ")[1] != "hours"
        {
            return nil
        }
        return ReportDate.minutes(v)
    }

    /// The words that make a time or a length approximate, which still state it: "~2 hours", "about
    /// 21:27", "\\~30 hours" (a tilde escaped by the editor that wrote the Markdown).
    static let hedges = [
        "\\~", "~", "≈", "about ", "approximately ", "approx. ", "around ", "roughly ", "over ", "nearly ",
    ]

    /// `text` without the hedge it starts with.
    static func withoutHedge(_ text: Substring) -> Substring {
        for hedge in hedges where text.hasPrefix(hedge) { return text.dropFirst(hedge.count) }
        return text
    }

    /// "From November 11, 4:02 PM UTC to November 14, 3:02 PM UTC": the two instants.
    /// Also "Between (approximately) 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC".
    func proseRange() -> (Date, Date)? {
        for (lead, separator) in [("from ", " to "), ("between ", " and ")] {
            var searchFrom = text.startIndex
            while let range = text.range(of: lead, options: .caseInsensitive, range: searchFrom..<text.endIndex) {
                searchFrom = range.upperBound
                let window = Self.withoutHedge(text[range.upperBound...].prefix(110))
                guard let to = window.range(of: separator) else { continue }
                let year = Self.year(in: text) ?? fallbackDay?.year
                guard let start = Self.proseInstant(window[..<to.lowerBound], year: year),
                    let end = Self.proseInstant(window[to.upperBound...], year: year), end >= start
                else { continue }
                return (start, end)
            }
        }
        return nil
    }

    /// "November 11, 4:02 PM UTC" or "November 11 2025, 16:02": a day, a time and a zone.
    static func proseInstant(_ text: Substring, year: Int?) -> Date? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).prefix(6)
        if let first = words.first, let day = CalendarDate(String(first.prefix(10))) {
            // "2025-07-30 21:27 UTC" or "2025-07-30T21:27Z"
            let rest = (first.count > 11 ? [first.dropFirst(11)] : []) + words.dropFirst()
            let joined = rest.joined(separator: " ")
            guard let minutes = clock(at: joined) else { return nil }
            return day.startOfDay.addingTimeInterval(TimeInterval(minutes * 60 - (zoneOffset(in: joined) ?? 0)))
        }
        guard let month = words.first.flatMap({ Self.month(String($0)) }), words.count >= 3,
            let dayNumber = Int(words[words.startIndex + 1].prefix(while: \.isNumber))
        else { return nil }
        var rest = Array(words.dropFirst(2))
        var y = year
        if let first = rest.first, first.count == 4, let value = Int(first) {
            y = value
            rest.removeFirst()
        }
        guard let y, let date = CalendarDate(year: y, month: month, day: dayNumber), !rest.isEmpty else {
            return nil
        }
        let joined = rest.joined(separator: " ")
        guard let minutes = clock(at: joined) else { return nil }
        let offset = zoneOffset(in: joined) ?? 0
        return date.startOfDay.addingTimeInterval(TimeInterval(minutes * 60 - offset))
    }

    /// The first year (1970 to 2199) a text names.
    static func year(in text: String) -> Int? {
        text.split(whereSeparator: { !$0.isNumber }).lazy.compactMap { Int($0) }.first { (1970...2199).contains($0) }
    }

    /// A day named in a title: "Incident report August 12 2025", "Incident on 2021-05-10".
    static func day(in title: String, order: NumericDateOrder? = nil) -> CalendarDate? {
        if let iso = title.split(separator: " ").lazy.compactMap({ CalendarDate(String($0.prefix(10))) }).first {
            return iso
        }
        if let order, let numeric = title.split(separator: " ").lazy.compactMap({ order.date($0) }).first {
            return numeric
        }
        return proseDate(in: title, anywhere: true)
    }

    /// `2025-Feb-07`, `2025-DEC-5`: a year, a month's name and a day.
    static func namedMonthDate(_ word: Substring) -> CalendarDate? {
        let parts = word.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = month(String(parts[1])),
            let day = Int(parts[2].prefix(while: \.isNumber)), (1...31).contains(day)
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// The instant a foreign report's date field states in words: "Wednesday 20th September 2023, 14:32
    /// UTC (Block #13263217)", "February 06, 2023", "11-01-2026 10:00 UTC"; whether it has a time.
    static func statedInstant(in value: String, order: NumericDateOrder?) -> (date: Date, hasTime: Bool)? {
        let words = value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
        guard
            let day = words.lazy.compactMap({
                CalendarDate(String($0.prefix(10))) ?? order?.date($0) ?? namedMonthDate($0)
            }).first
                ?? proseDate(in: value, anywhere: true)
        else { return nil }
        guard
            let minutes = words.lazy.compactMap({ word -> Int? in
                guard word.contains(":") else { return nil }
                return clock(word)
            }).first
        else { return (day.startOfDay, false) }
        let offset = zoneOffset(in: value) ?? 0
        return (day.startOfDay.addingTimeInterval(TimeInterval(minutes * 60 - offset)), true)
    }

    /// Runs of spaces and tabs as one space: "2021-02-15   06:05" is a timeline row too.
    static func squeezed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// A `YYYY-MM-DD` at the start of the text.
    static func leadingDate(_ text: String) -> CalendarDate? {
        guard text.count >= 10 else { return nil }
        if text.count > 10, let next = text.dropFirst(10).first, next.isNumber { return nil }
        return CalendarDate(String(text.prefix(10)))
    }

    /// A `YYYY-MM-DD` within the first words of a row, and the time after it when there is one:
    /// "2021-02-15 06:05 ...", "First detected 2021-05-10 12:15".
    static func dateTime(in row: String, order: NumericDateOrder?) -> (CalendarDate, Int?)? {
        let words = row.split(separator: " ")
        for (i, word) in words.prefix(5).enumerated() {
            let w = word.replacingOccurrences(of: "T", with: " ")
            guard w.count >= 10, let day = CalendarDate(String(w.prefix(10))) ?? order?.date(word.prefix(10)) else {
                continue
            }
            if w.count > 11, let minutes = clock(Substring(w.dropFirst(11))) { return (day, minutes) }
            let rest = words.dropFirst(i + 1).joined(separator: " ")
            return (day, clock(at: rest))
        }
        return nil
    }

    /// Offsets in seconds east of UTC of the zones reports name.
    static let zones: [String: Int] = [
        "UTC": 0, "GMT": 0, "Z": 0, "BST": 3600, "CET": 3600, "CEST": 7200, "EET": 7200, "EEST": 10800,
        "PST": -28800, "PDT": -25200, "MST": -25200, "MDT": -21600, "EST": -18000, "EDT": -14400,
        "CST": -21600, "CDT": -18000, "AKST": -32400, "AKDT": -28800, "HST": -36000, "WET": 0, "WEST": 3600,
        "MSK": 10800, "SAST": 7200, "IST": 19800, "ICT": 25200, "WIB": 25200, "SGT": 28800, "HKT": 28800,
        "KST": 32400, "JST": 32400, "AEST": 36000, "AEDT": 39600, "NZST": 43200, "NZDT": 46800,
    ]

    /// The offset of the first zone the text names ("All times in PST", "(all times UTC)").
    static func zoneOffset(in text: String) -> Int? {
        for word in text.split(whereSeparator: { !$0.isLetter }) where word.count >= 3 {
            if let offset = zones[String(word)] { return offset }
        }
        return nil
    }

    /// "from HH:MM to HH:MM" or "between HH:MM and HH:MM" as minutes after midnight; the first
    /// such range in `text`.
    static func fromTo(in text: String) -> (Int, Int)? {
        var best: (position: String.Index, range: (Int, Int))?
        for (lead, separators) in [("from ", [" to ", " - "]), ("between ", [" and ", " - "])] {
            var searchFrom = text.startIndex
            while let range = text.range(of: lead, options: .caseInsensitive, range: searchFrom..<text.endIndex) {
                searchFrom = range.upperBound
                if range.lowerBound > text.startIndex, text[text.index(before: range.lowerBound)].isLetter { continue }
                let rest = Self.withoutHedge(text[range.upperBound...].prefix(75))
                guard let a = clock(at: String(rest)), let to = separators.lazy.compactMap({ rest.range(of: $0) }).first
                else { continue }
                let head = rest[..<to.lowerBound].split(separator: " ")
                guard head.count <= 3, let b = clock(at: String(rest[to.upperBound...])) else { continue }
                if best == nil || range.lowerBound < best!.position { best = (range.lowerBound, (a, b)) }
                break
            }
        }
        return best?.range
    }

    /// How many support tickets the prose says were raised: "312 support tickets were raised",
    /// "about 40 customer tickets", "58 tickets were opened". Nil when it says none, or gives
    /// different numbers.
    static func ticketsStated(in text: String) -> Int? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" || $0 == ")" })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:*")) }
        var found: Set<Int> = []
        for i in words.indices.dropLast() {
            guard words[i].first?.isNumber == true, let count = Int(words[i].replacingOccurrences(of: ",", with: ""))
            else { continue }
            let next = words[(i + 1)...].prefix(3)
            let nextWords = Array(next)
            let supportTickets =
                nextWords.count >= 2 && ["support", "customer"].contains(nextWords[0])
                && ["tickets", "ticket", "requests"].contains(nextWords[1])
            let raised =
                nextWords.first == "tickets" && nextWords.count >= 2
                && ["raised", "opened", "filed", "received", "submitted", "were", "was"].contains(nextWords[1])
            if supportTickets || raised { found.insert(count) }
        }
        return found.count == 1 ? found.first : nil
    }

    /// The time a text starts with: `14:51`, `8:40`, `08:40:12`, `5:00 PM`, `3:02pm`.
    static func clock(at text: String) -> Int? {
        // "~19:00 UTC": an approximate time is still the time the report gives.
        let text = text.hasPrefix("~") ? String(text.dropFirst()) : text
        let words = text.split(separator: " ", maxSplits: 2)
        guard let first = words.first else { return nil }
        if words.count > 1, ["am", "pm", "a.m.", "p.m."].contains(words[1].lowercased().filter { $0 != "," }) {
            return clock(Substring(first + words[1].filter { $0 != "," }))
        }
        return clock(first)
    }

    /// One word: `14:51`, `8:40`, `08:40:12`, `3:02pm` → minutes after midnight.
    static func clock(_ word: Substring) -> Int? {
        var w = word.lowercased()[...]
        // "03:26pm:" in a timeline row: the punctuation after the time goes first, the meridiem next.
        while let last = w.last, ":,;.)".contains(last), !w.hasSuffix("a.m."), !w.hasSuffix("p.m.") {
            w = w.dropLast()
        }
        var pm: Bool?
        for (suffix, isPM) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] where w.hasSuffix(suffix) {
            pm = isPM
            w = w.dropLast(suffix.count)
            break
        }
        while let last = w.last, !last.isNumber { w = w.dropLast() }
        let parts = w.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts[0].allSatisfy(\.isNumber), let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60
        else { return nil }
        if let pm {
            guard (1...12).contains(h) else { return nil }
            return ((h % 12) + (pm ? 12 : 0)) * 60 + m
        }
        return h * 60 + m
    }

    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    /// 1 to 12 for a month's name or its abbreviation ("Feb", "Sept.", "dec"); nil for other words.
    static func month(_ word: String) -> Int? {
        let w = word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".,"))
        if let full = months.firstIndex(of: w) { return full + 1 }
        // "mar" is also a verb; a month's abbreviation in prose is capitalised.
        guard w.count >= 3, w != "mar" || word.first?.isUppercase == true else { return nil }
        if w == "sept" { return 9 }
        return w.count == 3 ? months.firstIndex(where: { $0.hasPrefix(w) }).map { $0 + 1 } : nil
    }

    /// "On September 29, 2025", "On Wednesday 30th June 2021"; with `anywhere`, also a bare
    /// "29 September 2025" or "May 12" (in the `year` given, when the text names none).
    static func proseDate(in text: String, anywhere: Bool, year fallbackYear: Int? = nil) -> CalendarDate? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" })
        let starts = anywhere ? Array(words.indices) : words.indices.filter { words[$0].lowercased() == "on" }
        for i in starts {
            let window = words[(anywhere ? i : i + 1)..<min(words.count, i + 5)].map { String($0) }
            guard let m = window.firstIndex(where: { Self.month($0) != nil }) else { continue }
            if anywhere, m != 0 { continue }
            let month = Self.month(window[m])!
            let numbers = window.compactMap { Int($0.prefix(while: \.isNumber)) }
            // The day is the word next to the month ("September 29", "on 11 February"), not any number
            // after it: in "20th September 2023, 14:32" the 14 is an hour.
            let beside = [m > 0 ? window[m - 1] : nil, m + 1 < window.count ? window[m + 1] : nil].compactMap { $0 }
            guard
                let day = beside.lazy.compactMap({ Int($0.prefix(while: \.isNumber)) }).first(where: {
                    (1...31).contains($0)
                }),
                let year = numbers.first(where: { $0 > 1900 && $0 < 2200 }) ?? fallbackYear
            else { continue }
            return CalendarDate(year: year, month: month, day: day)
        }
        if anywhere {
            // "29 September 2025": the day first.
            for i in words.indices.dropLast() where Int(words[i].prefix(while: \.isNumber)) != nil {
                guard let month = Self.month(String(words[i + 1])),
                    let day = Int(words[i].prefix(while: \.isNumber)), (1...31).contains(day)
                else { continue }
                let year = words.dropFirst(i + 2).first.flatMap { Int($0) } ?? fallbackYear
                if let year { return CalendarDate(year: year, month: month, day: day) }
            }
        }
        return nil
    }
}

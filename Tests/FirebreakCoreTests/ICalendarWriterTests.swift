import FirebreakCore
import Foundation
import Testing

@Suite("iCalendar export (RFC 5545)")
struct ICalendarWriterTests {
    typealias Fixtures = ExportFixtures

    static func render(_ plan: Plan = Fixtures.plan) -> String {
        var ics = ""
        ICalendarWriter.write(plan: plan, to: &ics)
        return ics
    }

    /// A plan of one improvement sprint holding one item titled `title`, the sprint `days` long from `start`.
    static func plan(
        title: String = "Item", team: String = "CORE", start: String = "2026-11-23", days: Int = 14, number: Int = 3,
        asOf: Date = Fixtures.asOf
    ) -> Plan {
        let startsOn = CalendarDate(start)!
        let sprint = Sprint(
            number: 24, name: "\(team) Sprint 24", startsOn: startsOn, endsOn: startsOn.adding(days: days - 1),
            kind: .improvement, reason: .cadence, capacity: 10, backlogCapacity: 10)
        var plan = Planner.plan(
            team: team, asOf: asOf, ranked: [Fixtures.item("ACT-1", title, value: 100, effort: 2)], sprints: [sprint],
            facts: PlanningFacts())
        plan.number = number
        return plan
    }

    /// The physical lines of `text`, split at CRLF, as octets.
    static func physicalLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        var octets = Array(text.utf8)[...]
        while let octet = octets.popFirst() {
            if octet == 13, octets.first == 10 {
                octets.removeFirst()
                lines.append([])
            } else {
                lines[lines.count - 1].append(octet)
            }
        }
        return lines
    }

    /// RFC 5545 unfolding: every CRLF followed by a space or a tab goes.
    static func unfold(_ text: String) -> String {
        String(decoding: Array(text.utf8).unfolded, as: UTF8.self)
    }

    /// The content lines of a calendar, unfolded.
    static func contentLines(_ ics: String) -> [String] {
        unfold(ics).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    /// The content lines of each event, by UID.
    static func events(_ ics: String) -> [String: [String]] {
        var events: [String: [String]] = [:]
        var current: [String]?
        for line in contentLines(ics) {
            if line == "BEGIN:VEVENT" {
                current = []
            } else if line == "END:VEVENT", let event = current {
                let uid = event.first { $0.hasPrefix("UID:") }.map { String($0.dropFirst(4)) } ?? ""
                events[uid] = event
                current = nil
            } else {
                current?.append(line)
            }
        }
        return events
    }

    static func value(_ property: String, in event: [String]) -> String? {
        event.first { $0.hasPrefix(property + ":") }.map { String($0.dropFirst(property.count + 1)) }
    }

    // MARK: - Folding

    static let foldCases: [String] = [
        "",
        "SUMMARY:short",
        "DESCRIPTION:" + String(repeating: "x", count: 63),  // exactly 75 octets
        "DESCRIPTION:" + String(repeating: "x", count: 64),  // 76 octets
        "SUMMARY:" + String(repeating: "é", count: 40) + " 🔥🧯",
        "DESCRIPTION:" + String(repeating: "🔥🧯", count: 40),
        "DESCRIPTION:" + String(repeating: "aé€🔥", count: 30),
        "DESCRIPTION:" + String(repeating: "0123456789", count: 30),
        "SUMMARY:" + String(repeating: "e\u{301}", count: 50),  // combining accents: two scalars a character
    ]

    @Test(
        "folding keeps each physical line to 75 octets, whole UTF-8 characters, and unfolds to the original",
        arguments: foldCases)
    func fold(line: String) throws {
        let folded = ICalendarWriter.fold(line)
        let lines = Self.physicalLines(folded)
        for (index, physical) in lines.enumerated() {
            #expect(physical.count <= 75, "line \(index) has \(physical.count) octets")
            #expect(String(validating: physical, as: UTF8.self) != nil, "line \(index) splits a character")
            if index > 0 { #expect(physical.first == 32, "a continuation line starts with a space") }
            // Greedy: a line is cut only when the next character (at most 4 octets) would not fit.
            if index < lines.count - 1 { #expect(physical.count > 71) }
        }
        if line.utf8.count <= 75 {
            #expect(folded == line, "a line that fits is left alone")
        } else {
            #expect(lines.count > 1)
        }
        #expect(Self.unfold(folded) == line)
        #expect(Array(Self.unfold(folded).utf8) == Array(line.utf8))
    }

    @Test("a 76-octet line folds after 75 octets, the rest on a line starting with a space")
    func foldsAtTheLimit() {
        let line = "DESCRIPTION:" + String(repeating: "x", count: 64)
        #expect(ICalendarWriter.fold(line) == String(line.prefix(75)) + "\r\n x")
    }

    // MARK: - The calendar

    @Test(
        "every line ends in CRLF and no physical line is longer than 75 octets",
        arguments: [
            Fixtures.plan, plan(title: String(repeating: "é", count: 40) + " 🔥🧯" + String(repeating: "🚒", count: 30)),
        ])
    func lines(plan: Plan) throws {
        let ics = Self.render(plan)
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        let octets = Array(ics.utf8)
        for (index, octet) in octets.enumerated() {
            if octet == 10 { #expect(index > 0 && octets[index - 1] == 13, "bare LF at \(index)") }
            if octet == 13 { #expect(index + 1 < octets.count && octets[index + 1] == 10, "bare CR at \(index)") }
        }
        let lines = Self.physicalLines(ics)
        #expect(lines.last == [], "the last line ends with CRLF")
        for line in lines {
            #expect(line.count <= 75)
            #expect(String(validating: line, as: UTF8.self) != nil)
        }
    }

    @Test("the calendar names itself and its product")
    func header() {
        let lines = Self.contentLines(Self.render())
        #expect(
            Array(lines.prefix(4)) == [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Firebreak//Firebreak plan//EN", "CALSCALE:GREGORIAN",
            ])
        #expect(lines.contains("X-WR-CALNAME:CORE plan 3 (Firebreak)"))
        #expect(lines.last == "END:VCALENDAR")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 3)
        #expect(lines.filter { $0 == "END:VEVENT" }.count == 3)
    }

    @Test(
        "one all-day event per sprint, DTEND the day after the last day",
        arguments: [
            (24, "20261123", "20261207", "CORE Sprint 24 — improvement sprint", "IMPROVEMENT"),
            (25, "20261207", "20261221", "CORE Sprint 25 — feature sprint", "FEATURE"),
            (26, "20261221", "20270104", "CORE Sprint 26 — feature sprint", "FEATURE"),
        ])
    func event(number: Int, start: String, end: String, summary: String, category: String) throws {
        let event = try #require(Self.events(Self.render())["CORE-sprint-\(number)@firebreak"])
        #expect(event.contains("DTSTART;VALUE=DATE:\(start)"))
        #expect(event.contains("DTEND;VALUE=DATE:\(end)"))
        #expect(Self.value("SUMMARY", in: event) == summary)
        #expect(Self.value("CATEGORIES", in: event) == category)
        #expect(Self.value("DTSTAMP", in: event) == "20261128T000000Z")
    }

    @Test(
        "DTEND is exclusive across month, year and leap-day boundaries",
        arguments: [
            ("2026-11-23", 14, "20261207"), ("2026-12-21", 11, "20270101"), ("2028-02-16", 13, "20280229"),
            ("2028-02-16", 14, "20280301"), ("2027-02-15", 14, "20270301"), ("2026-06-01", 1, "20260602"),
        ])
    func exclusiveEnd(start: String, days: Int, end: String) throws {
        let event = try #require(Self.events(Self.render(Self.plan(start: start, days: days))).values.first)
        #expect(event.contains("DTSTART;VALUE=DATE:" + start.replacingOccurrences(of: "-", with: "")))
        #expect(event.contains("DTEND;VALUE=DATE:\(end)"))
    }

    @Test(
        "text is escaped: backslash, semicolon, comma and line breaks",
        arguments: [
            ("a,b", "a\\,b"), ("a;b", "a\\;b"), ("a\\b", "a\\\\b"), ("one\ntwo", "one\\ntwo"),
            ("one\r\ntwo", "one\\ntwo"), ("one\rtwo", "one\\ntwo"), ("tab\there", "tab\there"),
            ("bell\u{7}", "bell "), ("é🔥: \"x\"", "é🔥: \"x\""),
        ])
    func escaping(title: String, escaped: String) throws {
        let event = try #require(Self.events(Self.render(Self.plan(title: title))).values.first)
        let description = try #require(Self.value("DESCRIPTION", in: event))
        #expect(description.hasSuffix("- ACT-1 \(escaped) (effort 2\\, value 100)"))
    }

    @Test("the team key is escaped in the calendar name and the UID")
    func escapedTeam() throws {
        let ics = Self.render(Self.plan(team: "A,B;C"))
        #expect(Self.contentLines(ics).contains("X-WR-CALNAME:A\\,B\\;C plan 3 (Firebreak)"))
        #expect(Self.events(ics).keys.first == "A\\,B\\;C-sprint-24@firebreak")
    }

    @Test("the description lists the sprint's items, its capacity and the value it addresses")
    func description() throws {
        let events = Self.events(Self.render())
        let improvement = try #require(events["CORE-sprint-24@firebreak"].flatMap { Self.value("DESCRIPTION", in: $0) })
        #expect(improvement.hasPrefix("Improvement sprint (cadence) of CORE plan 3.\\n"))
        #expect(improvement.contains("Capacity 38.4 points\\, 38 for the backlog\\, 38 planned."))
        #expect(improvement.contains("Outage cost addressed: 1882.5."))
        #expect(improvement.contains("- ACT-1 Alert on the 502 rate per route (effort 2\\, value 812.5)"))
        #expect(improvement.contains("- ACT-5 Pin the ORM version (effort 1\\, value 120\\, claimed by alice)"))
        #expect(improvement.contains("- ACT-3 Split deploy\\, add canary\\; roll back\\\\retry\\nsecond line"))
        let empty = try #require(events["CORE-sprint-26@firebreak"].flatMap { Self.value("DESCRIPTION", in: $0) })
        #expect(empty.hasSuffix("No items planned."))
    }

    @Test("UIDs are unique, and the same across runs and across plans; SEQUENCE is the plan number")
    func stableUIDs() {
        let first = Self.render(), second = Self.render()
        #expect(first == second)
        #expect(
            Set(Self.events(first).keys) == [
                "CORE-sprint-24@firebreak", "CORE-sprint-25@firebreak", "CORE-sprint-26@firebreak",
            ])
        var next = Fixtures.plan
        next.number = 4
        let later = Self.events(Self.render(next))
        #expect(Set(later.keys) == Set(Self.events(first).keys))
        #expect(later.values.allSatisfy { $0.contains("SEQUENCE:4") })
    }

    @Test(
        "DTSTAMP is the plan's as-of time in UTC, to the second",
        arguments: [
            ("2026-11-28", "20261128T000000Z"), ("2026-11-28T09:30:15.750Z", "20261128T093015Z"),
            ("2026-11-28T23:59:59+02:00", "20261128T215959Z"), ("1969-12-31T23:00:00Z", "19691231T230000Z"),
        ])
    func stamp(asOf: String, stamp: String) throws {
        let date = try #require(ReportDate.parse(asOf))
        let event = try #require(Self.events(Self.render(Self.plan(asOf: date))).values.first)
        #expect(Self.value("DTSTAMP", in: event) == stamp)
    }

    @Test("a plan without sprints is an empty calendar")
    func empty() {
        let plan = Plan(team: "CORE", number: 1, asOf: Fixtures.asOf, sprints: [], unplanned: [], warnings: [])
        let lines = Self.contentLines(Self.render(plan))
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        #expect(!lines.contains("BEGIN:VEVENT"))
    }
}

extension Array where Element == UInt8 {
    /// The octets with each CRLF that is followed by a space or a tab removed, with that space or tab.
    fileprivate var unfolded: [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        var index = 0
        while index < count {
            if self[index] == 13, index + 2 < count, self[index + 1] == 10,
                self[index + 2] == 32 || self[index + 2] == 9
            {
                index += 3
            } else {
                result.append(self[index])
                index += 1
            }
        }
        return result
    }
}

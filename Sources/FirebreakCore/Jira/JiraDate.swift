public import Foundation

/// The dates of Jira's CSV exports: `22/Sep/25 9:26 AM`, `30/Mar/18`, and ISO `2026-03-13` or
/// `2026-03-13 09:26`.
///
/// Jira writes dates in the exporting user's date format and time zone, and the file does not
/// say which zone. Firebreak reads the English default (`dd/MMM/yy h:mm a`) and ISO dates, takes
/// a two-digit year as 20YY, and treats the time as UTC.
public enum JiraDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The day and, when the text has a time, the minutes since midnight; nil for anything else.
    ///
    /// Jira's form: the day in one or two digits, an English three-letter month (any case), a
    /// year in two or four digits, then optionally `h:mm AM`/`PM` (12-hour) or `HH:mm` (24-hour).
    /// ISO form: `YYYY-MM-DD`, then optionally a space or `T` and `HH:MM`, with seconds dropped.
    public static func parse(_ text: some StringProtocol) -> (day: CalendarDate, minutes: Int?)? {
        let t = text.trimmingWhitespace()
        if let date = t.utf8.withContiguousStorageIfAvailable(parseJiraBytes) ?? nil { return date }
        return t.utf8.contains(UInt8(ascii: "/")) ? parseJira(t) : parseISO(t)
    }

    /// The same, reading `format` first when there is one: an export made in a user's own date
    /// format still has the default or ISO form in places (or is read with a format given for
    /// another export), and neither form can be mistaken for a numeric user format.
    public static func parse(
        _ text: some StringProtocol, format: JiraDateFormat?
    ) -> (day: CalendarDate, minutes: Int?)? {
        format?.parse(text) ?? parse(text)
    }

    /// The instant: the day at the time (midnight when there is none), in UTC.
    public static func instant(_ text: some StringProtocol) -> Date? {
        guard let date = parse(text) else { return nil }
        return date.day.startOfDay.addingTimeInterval(TimeInterval((date.minutes ?? 0) * 60))
    }

    /// The forms of nearly every cell, byte by byte: `22/Sep/25 9:26 AM`, `22/Sep/2025 09:26 pm`,
    /// `30/Mar/18 14:05` and `30/Mar/18`, each word after one space. What `parseJira` makes of them
    /// (it splits on runs of spaces, and on Characters, so slowly); nil for any other text, which it
    /// then reads.
    private static func parseJiraBytes(_ b: UnsafeBufferPointer<UInt8>) -> (day: CalendarDate, minutes: Int?)? {
        var i = 0
        func digits(_ least: Int, _ most: Int) -> Int? {
            var value = 0
            let start = i
            while i < b.count, i - start < most, (0x30...0x39).contains(b[i]) {
                value = value * 10 + Int(b[i] - 0x30)
                i += 1
            }
            return i - start >= least ? value : nil
        }
        func byte(_ expected: UInt8) -> Bool {
            guard i < b.count, b[i] == expected else { return false }
            i += 1
            return true
        }
        guard let d = digits(1, 2), byte(0x2F), i + 4 <= b.count, b[i + 3] == 0x2F else { return nil }
        let month = (b[i] | 0x20, b[i + 1] | 0x20, b[i + 2] | 0x20)
        guard let m = monthBytes.firstIndex(where: { $0 == month }) else { return nil }
        i += 4
        let yearStart = i
        guard let y = digits(2, 4), i - yearStart != 3, i == b.count || b[i] == 0x20,
            let day = CalendarDate(year: i - yearStart == 2 ? 2000 + y : y, month: m + 1, day: d)
        else { return nil }
        guard i < b.count else { return (day, nil) }
        i += 1
        guard let h = digits(1, 2), byte(0x3A), let minute = digits(2, 2), minute < 60 else { return nil }
        if i == b.count { return h < 24 ? (day, h * 60 + minute) : nil }
        guard i + 3 == b.count, b[i] == 0x20, b[i + 2] | 0x20 == 0x6D, (1...12).contains(h) else { return nil }
        switch b[i + 1] | 0x20 {
        case 0x61: return (day, (h % 12) * 60 + minute)
        case 0x70: return (day, (h % 12 + 12) * 60 + minute)
        default: return nil
        }
    }

    private static let monthBytes: [(UInt8, UInt8, UInt8)] = months.map {
        let b = Array($0.utf8)
        return (b[0], b[1], b[2])
    }

    private static func parseJira(_ text: String) -> (day: CalendarDate, minutes: Int?)? {
        let words = text.split(separator: " ")
        guard (1...3).contains(words.count) else { return nil }
        let parts = words[0].split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), parts[2].count == 2 || parts[2].count == 4,
            let d = number(parts[0]), let y = number(parts[2]),
            let m = months.firstIndex(of: parts[1].lowercased()),
            let day = CalendarDate(year: parts[2].count == 2 ? 2000 + y : y, month: m + 1, day: d)
        else { return nil }
        guard words.count > 1 else { return (day, nil) }
        let meridiem = words.count == 3 ? words[2].uppercased() : nil
        guard let minutes = clock(words[1], meridiem: meridiem) else { return nil }
        return (day, minutes)
    }

    private static func parseISO(_ text: String) -> (day: CalendarDate, minutes: Int?)? {
        guard let day = CalendarDate(text.prefix(10)) else { return nil }
        let rest = text.dropFirst(10)
        guard let separator = rest.first else { return (day, nil) }
        guard separator == " " || separator == "T" else { return nil }
        var time = rest.dropFirst()
        if time.count == 8, time[time.index(time.startIndex, offsetBy: 5)] == ":" { time = time.prefix(5) }
        guard time.count == 5, let minutes = clock(time, meridiem: nil) else { return nil }
        return (day, minutes)
    }

    /// `h:mm` with `AM`/`PM` (hours 1 to 12) or `HH:mm` without (hours 0 to 23), in minutes.
    private static func clock(_ text: Substring, meridiem: String?) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let h = number(parts[0]), let m = number(parts[1]), m < 60
        else { return nil }
        switch meridiem {
        case nil: return h < 24 ? h * 60 + m : nil
        case "AM": return (1...12).contains(h) ? (h % 12) * 60 + m : nil
        case "PM": return (1...12).contains(h) ? (h % 12 + 12) * 60 + m : nil
        default: return nil
        }
    }

    /// Only ASCII digits: `Int` alone would take `+5`.
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text)
    }
}

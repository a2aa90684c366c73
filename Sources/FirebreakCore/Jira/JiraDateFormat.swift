import Foundation

/// Why a date format given for a Jira export cannot be used.
public struct JiraDateFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The format as given.
    public var pattern: String
    /// What is wrong with it and what would be right.
    public var reason: String

    public init(pattern: String, reason: String) {
        self.pattern = pattern
        self.reason = reason
    }

    /// `date format "dd/MM/yyyy HH:nn": unknown letter "n" ...`
    public var description: String { "date format \"\(pattern)\": \(reason)" }
}

/// The date format of a Jira export made by a user who changed Jira's date setting, written as
/// Jira's own setting writes it: Java `SimpleDateFormat` letters (`dd/MM/yyyy HH:mm`).
///
/// Letters: `d` or `dd` the day, `M` or `MM` the month's number, `MMM` (or `MMMM`) its English
/// name, `yy` or `yyyy` the year (a two-digit year is 20YY, as ``JiraDate`` reads it; `yy` also
/// takes four digits, as Java does), `H` or `HH`
/// the hour from 0 to 23, `h` or `hh` the hour from 1 to 12 with `a` (AM or PM), `mm` the minutes,
/// `ss` the seconds (read and dropped). Text between single quotes is taken as it is (`''` is a
/// quote); other characters stand for themselves, and a space stands for one or more spaces.
/// Numbers may have one digit fewer than their letters (`dd` reads `7`) unless another number
/// follows without a separator (`ddMMyyyy`). Month names and `AM`/`PM` are read in any case.
///
/// The time, when there is one, comes after the date. A day without a time also reads
/// (`16/02/2017` with `dd/MM/yyyy HH:mm`): Jira writes due dates with the date part of the
/// user's format only.
public struct JiraDateFormat: Sendable, Equatable, CustomStringConvertible {
    /// The format as given.
    public let pattern: String
    private let fields: [Field]

    /// A format to show in messages: the day-first form most often set in place of Jira's default.
    public static let example = "dd/MM/yyyy HH:mm"

    /// The formats that messages suggest when a date does not read, most common first.
    public static let common = [
        "dd/MM/yyyy HH:mm", "dd/MM/yy HH:mm", "MM/dd/yyyy h:mm a", "MM/dd/yy h:mm a", "dd.MM.yyyy HH:mm",
        "dd.MM.yy HH:mm", "dd-MM-yyyy HH:mm", "yyyy/MM/dd HH:mm", "dd/MMM/yyyy HH:mm", "d MMM yyyy HH:mm",
        "MMM d, yyyy h:mm a",
    ]

    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]

    /// One element of the format.
    private enum Field: Sendable, Equatable {
        case day(digits: Int), month(digits: Int), monthName, year(digits: Int)
        case hour24(digits: Int), hour12(digits: Int), minute(digits: Int), second(digits: Int), meridiem
        /// A character that stands for itself; a space stands for one or more spaces.
        case literal(Character)

        var isNumber: Bool {
            switch self {
            case .day, .month, .year, .hour24, .hour12, .minute, .second: true
            case .monthName, .meridiem, .literal: false
            }
        }

        var isTime: Bool {
            switch self {
            case .hour24, .hour12, .minute, .second, .meridiem: true
            case .day, .month, .monthName, .year, .literal: false
            }
        }

        var isLiteral: Bool {
            if case .literal = self { true } else { false }
        }
    }

    /// The format `pattern`; throws when it has a letter outside the list above, lacks a day, a
    /// month or a year, has a field twice, or mixes its clock fields (`h` without `a`, hours without
    /// minutes).
    public init(_ pattern: String) throws(JiraDateFormatError) {
        self.pattern = pattern
        self.fields = try Self.fields(of: pattern)
    }

    public var description: String { pattern }

    /// The day and, when the text has a time, the minutes since midnight; nil when `text` does not
    /// have this format.
    public func parse(_ text: some StringProtocol) -> (day: CalendarDate, minutes: Int?)? {
        let chars = Array(text.trimmingWhitespace())
        var i = 0
        var (day, month, year, hour, minute) = (0, 0, 0, -1, -1)
        var pm: Bool?
        var timeStarted = false
        for (n, field) in fields.enumerated() {
            if i == chars.count, !timeStarted, fields[n...].allSatisfy({ $0.isTime || $0.isLiteral }) { break }
            if field.isTime { timeStarted = true }
            let followedByNumber = n + 1 < fields.count && fields[n + 1].isNumber
            switch field {
            case .literal(let c):
                if c == " " {
                    guard i < chars.count, chars[i].isWhitespace else { return nil }
                    while i < chars.count, chars[i].isWhitespace { i += 1 }
                } else {
                    guard i < chars.count, chars[i].lowercased() == c.lowercased() else { return nil }
                    i += 1
                }
            case .day(let digits):
                guard let v = Self.number(chars, &i, digits: digits, exact: followedByNumber) else { return nil }
                day = v
            case .month(let digits):
                guard let v = Self.number(chars, &i, digits: digits, exact: followedByNumber) else { return nil }
                month = v
            case .monthName:
                guard let v = Self.monthName(chars, &i) else { return nil }
                month = v
            case .year(let digits):
                let start = i
                let width = followedByNumber ? digits : 4
                guard let v = Self.number(chars, &i, digits: width, exact: followedByNumber) else { return nil }
                switch (digits, i - start) {
                case (2, 2): year = 2000 + v
                case (_, 4): year = v
                default: return nil
                }
            case .hour24(let digits), .hour12(let digits):
                guard let v = Self.number(chars, &i, digits: digits, exact: followedByNumber) else { return nil }
                hour = v
            case .minute(let digits):
                guard let v = Self.number(chars, &i, digits: digits, exact: followedByNumber), v < 60 else {
                    return nil
                }
                minute = v
            case .second(let digits):
                guard let v = Self.number(chars, &i, digits: digits, exact: followedByNumber), v < 60 else {
                    return nil
                }
            case .meridiem:
                guard i + 1 < chars.count, chars[i + 1].lowercased() == "m" else { return nil }
                switch chars[i].lowercased() {
                case "a": pm = false
                case "p": pm = true
                default: return nil
                }
                i += 2
            }
        }
        guard i == chars.count, let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        guard hour >= 0 else { return (date, nil) }
        guard minute >= 0 else { return nil }
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            return (date, ((hour % 12) + (pm ? 12 : 0)) * 60 + minute)
        }
        return hour < 24 ? (date, hour * 60 + minute) : nil
    }

    /// A format from ``common`` that reads `text`; nil when none does.
    public static func suggestion(for text: some StringProtocol) -> String? {
        common.first { (try? JiraDateFormat($0))?.parse(text) != nil }
    }

    /// ASCII digits at `i`: up to `digits` of them, or exactly `digits` when `exact`; at least one.
    private static func number(_ chars: [Character], _ i: inout Int, digits: Int, exact: Bool) -> Int? {
        var value = 0
        var count = 0
        while count < max(digits, 2), i < chars.count, chars[i].isASCIIDigit {
            if exact && count == digits { break }
            value = value * 10 + Int(chars[i].asciiValue! - 48)
            count += 1
            i += 1
        }
        return count == 0 || (exact && count != digits) ? nil : value
    }

    /// An English month name, whole or its first three letters, at `i`: its number.
    private static func monthName(_ chars: [Character], _ i: inout Int) -> Int? {
        var word = ""
        var j = i
        while j < chars.count, chars[j].isLetter {
            word += chars[j].lowercased()
            j += 1
        }
        guard let n = months.firstIndex(where: { $0 == word || $0.prefix(3) == word }) else { return nil }
        i = j
        return n + 1
    }

    /// The fields of `pattern`, checked.
    private static func fields(of pattern: String) throws(JiraDateFormatError) -> [Field] {
        func failure(_ reason: String) -> JiraDateFormatError { JiraDateFormatError(pattern: pattern, reason: reason) }
        let letters = "use d, dd, M, MM, MMM, yy, yyyy, H, HH, h, hh, mm, ss and a, like \(example)"
        let chars = Array(pattern)
        var fields: [Field] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                var j = i + 1
                if j < chars.count, chars[j] == "'" {
                    fields.append(.literal("'"))
                    i += 2
                    continue
                }
                while j < chars.count, chars[j] != "'" {
                    fields.append(.literal(chars[j]))
                    j += 1
                }
                guard j < chars.count else { throw failure("a quote at position \(i + 1) is not closed") }
                i = j + 1
                continue
            }
            guard c.isASCII, c.isLetter else {
                if !(c == " " && fields.last == .literal(" ")) { fields.append(.literal(c.isWhitespace ? " " : c)) }
                i += 1
                continue
            }
            var count = 1
            while i + count < chars.count, chars[i + count] == c { count += 1 }
            let field: Field? =
                switch (c, count) {
                case ("d", 1...2): .day(digits: count)
                case ("M", 1...2): .month(digits: count)
                case ("M", 3...4): .monthName
                case ("y", 2), ("y", 4): .year(digits: count)
                case ("H", 1...2): .hour24(digits: count)
                case ("h", 1...2): .hour12(digits: count)
                case ("m", 1...2): .minute(digits: count)
                case ("s", 1...2): .second(digits: count)
                case ("a", 1): .meridiem
                default: nil
                }
            guard let field else {
                throw failure(
                    "\"\(String(repeating: c, count: count))\" at position \(i + 1) is not a date field; \(letters)")
            }
            fields.append(field)
            i += count
        }
        try check(fields, failure: failure)
        return fields
    }

    /// One day, month and year; a clock, when there is one, of hours and minutes (`h` with `a`).
    private static func check(
        _ fields: [Field], failure: (String) -> JiraDateFormatError
    ) throws(JiraDateFormatError) {
        func count(_ test: (Field) -> Bool) -> Int { fields.filter(test).count }
        let kinds: [(String, (Field) -> Bool)] = [
            ("day (d or dd)", { if case .day = $0 { true } else { false } }),
            ("month (M, MM or MMM)", { if case .month = $0 { true } else { $0 == .monthName } }),
            ("year (yy or yyyy)", { if case .year = $0 { true } else { false } }),
        ]
        for (name, test) in kinds {
            let n = count(test)
            if n == 0 { throw failure("no \(name)") }
            if n > 1 { throw failure("more than one \(name)") }
        }
        let hours24 = count { if case .hour24 = $0 { true } else { false } }
        let hours12 = count { if case .hour12 = $0 { true } else { false } }
        let minutes = count { if case .minute = $0 { true } else { false } }
        let seconds = count { if case .second = $0 { true } else { false } }
        let meridiems = count { $0 == .meridiem }
        if hours24 + hours12 > 1 || minutes > 1 || seconds > 1 || meridiems > 1 {
            throw failure("a clock field appears more than once")
        }
        if (hours24 + hours12 == 1) != (minutes == 1) { throw failure("hours need minutes (HH:mm or h:mm a)") }
        if seconds == 1 && minutes == 0 { throw failure("seconds need hours and minutes") }
        if hours12 == 1 && meridiems == 0 { throw failure("h (1 to 12) needs a for AM or PM; use H for 0 to 23") }
        if meridiems == 1 && hours12 == 0 { throw failure("a (AM or PM) needs h (1 to 12), not H") }
        if let first = fields.firstIndex(where: \.isTime),
            fields[first...].contains(where: { !$0.isTime && !$0.isLiteral })
        {
            throw failure("the time must come after the date")
        }
    }
}

public import Foundation

/// The date and duration notations that outage reports use.
public enum ReportDate {
    /// `YYYY-MM-DD HH:MM` with an optional `UTC`, `Z` or `±HH:MM`, or ISO 8601
    /// (`2026-03-02T08:55:00Z`, with optional seconds and fraction). No zone means UTC.
    public static func parse(_ text: String) -> Date? {
        var t = text.trimmingWhitespace()
        guard t.count >= 16 else {
            return CalendarDate(t)?.startOfDay
        }
        var offsetSeconds = 0
        if t.uppercased().hasSuffix(" UTC") || t.uppercased().hasSuffix(" GMT") {
            t.removeLast(4)
        } else if t.hasSuffix("Z") || t.hasSuffix("z") {
            t.removeLast()
        } else if t.count >= 22, let sign = t[t.index(t.endIndex, offsetBy: -6)...].first, sign == "+" || sign == "-" {
            let zone = t.suffix(6)
            let parts = zone.dropFirst().split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60 else { return nil }
            offsetSeconds = (h * 3600 + m * 60) * (sign == "+" ? 1 : -1)
            t.removeLast(6)
            t = t.trimmingWhitespace()
        }
        let chars = Array(t)
        guard chars.count >= 16, chars[10] == " " || chars[10] == "T" || chars[10] == "t",
            let day = CalendarDate(String(chars[0..<10]))
        else { return nil }
        let time = String(chars[11...]).split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 2 || time.count == 3, time[0].count == 2, time[1].count == 2,
            let hour = Int(time[0]), let minute = Int(time[1]), hour < 24, minute < 60
        else { return nil }
        var seconds = 0.0
        if time.count == 3 {
            guard time[2].count >= 2, let s = Double(time[2]), s >= 0, s < 61 else { return nil }
            seconds = s
        }
        let since = Double(day.daysSinceEpoch) * 86_400 + Double(hour * 3600 + minute * 60) + seconds
        let date = Date(timeIntervalSince1970: since - Double(offsetSeconds))
        // An offset can carry a time on 0001-01-01 or 9999-12-31 out of the years a day can be written in.
        guard (1...9999).contains(CalendarDate(containing: date).year) else { return nil }
        return date
    }

    /// Formats an instant as reports write it: `YYYY-MM-DD HH:MM UTC`, or ISO 8601
    /// when it has seconds, so that reading it back gives the same instant.
    public static func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let day = CalendarDate(containing: date)
        let inDay = seconds - Double(day.daysSinceEpoch) * 86_400
        let hour = Int(inDay / 3600), minute = Int(inDay.truncatingRemainder(dividingBy: 3600) / 60)
        let rest = inDay - Double(hour * 3600 + minute * 60)
        if rest == 0 { return String(format: "%@ %02d:%02d UTC", day.description, hour, minute) }
        return ISO8601Format.string(date)
    }

    /// The longest outage a report may state, in minutes: what a 32-bit integer holds, over 4,000
    /// years. A longer one is a typo, and `hours * 60` must not overflow.
    public static let maxMinutes = Int(Int32.max)

    /// A duration as people write it, to minutes: `01:47` (hours may exceed 24), `1h 20m`,
    /// `2 hours 5 minutes`, `1 hour and 48 minutes`, `95 min`, `279 minutes [^3]`. Text after the
    /// duration (a footnote, a remark) is ignored; nil when the text does not start with one, or
    /// above ``maxMinutes``.
    public static func minutes(_ text: String) -> Int? {
        let t = text.trimmingWhitespace().lowercased()
        let first = t.prefix(while: { !$0.isWhitespace })
        let parts = first.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...maxMinutes / 60).contains(h),
            (0..<60).contains(m), parts[1].count == 2
        {
            return h * 60 + m <= maxMinutes ? h * 60 + m : nil
        }
        return spelledMinutes(t)
    }

    /// `2 hours 5 minutes`, `1h20m`, `3 days`: pairs of a number and a unit, read from the start.
    static func spelledMinutes(_ text: String) -> Int? {
        var rest = Substring(text)
        var total = 0
        var matched = false
        while true {
            rest = rest.drop(while: { $0 == " " || $0 == "," })
            if rest.hasPrefix("and ") { rest = rest.dropFirst(4) }
            let number = rest.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
            guard !number.isEmpty, let value = Double(number), value <= Double(maxMinutes) else { break }
            rest = rest.dropFirst(number.count).drop(while: { $0 == " " })
            let unit = rest.prefix(while: \.isLetter)
            let scale: Double
            switch unit {
            case "d", "day", "days": scale = 1440
            case "h", "hr", "hrs", "hour", "hours": scale = 60
            case "m", "min", "mins", "minute", "minutes": scale = 1
            default: return matched && total <= maxMinutes ? total : nil
            }
            rest = rest.dropFirst(unit.count)
            let minutes = (value * scale).rounded()
            guard minutes <= Double(maxMinutes - total) else { return nil }
            total += Int(minutes)
            matched = true
        }
        return matched ? total : nil
    }

    /// `hh:mm` for a number of minutes.
    public static func formatMinutes(_ minutes: Int) -> String {
        let (h, m) = (minutes / 60, minutes % 60)
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}

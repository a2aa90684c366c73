public import Foundation

/// ISO 8601 with fractional seconds in UTC, without Foundation's formatters (not Sendable on every platform).
public enum ISO8601Format {
    public static func string(_ date: Date) -> String {
        // Whole milliseconds first, so that 59.9996 s rounds up into the next second (and day).
        let total = Int((date.timeIntervalSince1970 * 1000).rounded())
        let perDay = 86_400_000
        let days = total >= 0 ? total / perDay : -((-total + perDay - 1) / perDay)
        let inDay = total - days * perDay
        let day = CalendarDate(containing: Date(timeIntervalSince1970: Double(days) * 86_400))
        let hour = inDay / 3_600_000, minute = inDay / 60_000 % 60, second = inDay / 1000 % 60
        let millis = inDay % 1000
        if millis == 0 { return String(format: "%@T%02d:%02d:%02dZ", day.description, hour, minute, second) }
        return String(format: "%@T%02d:%02d:%02d.%03dZ", day.description, hour, minute, second, millis)
    }
}

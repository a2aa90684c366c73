import ArgumentParser
import FirebreakCore

/// Range checks of numeric flags, worded alike: `--limit must be 1 or more, got -1`.
///
/// Numeric options are parsed `.unconditional`, so that `--limit -1` reaches these checks: by
/// default ArgumentParser reads `-1` as an option and says the value is missing.
enum FlagRange {
    static func check(_ flag: String, _ value: Int?, _ range: ClosedRange<Int>) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(flag) must be \(range.lowerBound) to \(range.upperBound), got \(value)")
    }

    static func check(_ flag: String, _ value: Int?, atLeast lowest: Int) throws {
        guard let value, value < lowest else { return }
        throw ValidationError("\(flag) must be \(lowest) or more, got \(value)")
    }

    static func check(_ flag: String, _ value: Double?, _ range: ClosedRange<Double>, unit: String = "") throws {
        guard let value, !range.contains(value) else { return }
        let bounds = "\(NumberText.plain(range.lowerBound)) to \(NumberText.plain(range.upperBound))\(unit)"
        throw ValidationError("\(flag) must be \(bounds), got \(NumberText.plain(value))")
    }

    /// The largest value of PostgreSQL's `integer`, which holds every whole-number setting.
    static let whole = Int(Int32.max)
}

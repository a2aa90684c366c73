import Foundation

/// Numbers as people write them: `2`, not `2.0`; `0.5`; the shortest text that reads back exactly.
public enum NumberText {
    public static func plain(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// Two decimals (`843.76`), without `String(format:)`, which is slow on Linux and runs per row in exports.
    public static func twoDecimals(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
        let cents = Int((abs(value) * 100).rounded())
        let fraction = cents % 100
        return (value < 0 && cents > 0 ? "-" : "") + "\(cents / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// `digits` decimals (`0.5000`), as `printf`'s `%.Nf`, for the figures of tables and explanations.
    public static func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
}

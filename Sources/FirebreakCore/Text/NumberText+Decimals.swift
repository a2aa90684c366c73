import Foundation

extension NumberText {
    /// `1 item`, `2 items`, `0 days`: `noun` with an `s` unless there is exactly one.
    public static func counted(_ number: Int, _ noun: String) -> String {
        "\(number) \(self.noun(noun, for: number))"
    }

    /// `noun` as it goes with `number`: `item` for 1, `items` otherwise.
    public static func noun(_ noun: String, for number: Int) -> String { number == 1 ? noun : noun + "s" }

    /// `value` rounded to at most `places` decimals (default 2), without trailing zeros:
    /// `2`, `812.5`, `406.25`, `0.33`. Not a number or infinite reads `n/a`; negative zero reads `0`.
    ///
    /// Independent of the locale, so that an export is the same on every machine.
    static func decimals(_ value: Double, places: Int = 2) -> String {
        guard value.isFinite else { return "n/a" }
        let digits = max(0, min(places, 6))
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text
    }

    /// `share` (0.452) as a percentage with at most one decimal: `45.2%`.
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "n/a" }
        return decimals(share * 100, places: 1) + "%"
    }
}

import Foundation

/// Which number comes first in a report's `NN-NN-YYYY` (or `NN.NN.YYYY`) dates: Europe writes the
/// day first (`20-09-2023`), the US the month (`01-10-2024` is 10 January there). A report says which
/// only where one of its dates cannot be read the other way; when none does, such dates are not read,
/// for either reading would be a guess.
enum NumericDateOrder: Equatable, Sendable {
    case dayFirst
    case monthFirst

    /// The order the report's own dates show, or nil when none shows one (or they disagree).
    static func of(_ text: String) -> NumericDateOrder? {
        guard text.contains("-") || text.contains(".") else { return nil }
        var found: Set<NumericDateOrder> = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "|" }) {
            guard let (a, b, _) = parts(word) else { continue }
            if a > 12, b <= 12 { found.insert(.dayFirst) }
            if b > 12, a <= 12 { found.insert(.monthFirst) }
        }
        return found.count == 1 ? found.first : nil
    }

    /// The day `word` names in this order; nil for a word that is no such date.
    func date(_ word: Substring) -> CalendarDate? {
        guard let (a, b, year) = Self.parts(word) else { return nil }
        return self == .dayFirst
            ? CalendarDate(year: year, month: b, day: a) : CalendarDate(year: year, month: a, day: b)
    }

    /// The two numbers and the year of `NN-NN-YYYY` or `NN.NN.YYYY`, Markdown and punctuation around it
    /// taken off.
    static func parts(_ word: Substring) -> (Int, Int, Int)? {
        let w = word.trimmingCharacters(in: CharacterSet(charactersIn: "*_`()[],;:~"))
        guard w.count == 10 else { return nil }
        let chars = Array(w)
        guard chars[2] == chars[5], chars[2] == "-" || chars[2] == ".", chars.allSatisfy({ $0.isASCII }),
            let a = Int(String(chars[0..<2])), let b = Int(String(chars[3..<5])), let year = Int(String(chars[6..<10]))
        else { return nil }
        return (a, b, year)
    }
}

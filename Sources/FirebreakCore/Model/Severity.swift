import Foundation

/// How bad an outage was, `SEV1` (worst) to `SEV4`.
public enum Severity: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case sev1 = 1
    case sev2 = 2
    case sev3 = 3
    case sev4 = 4

    /// Accepts `SEV1`..`SEV4`, `SEV-1`, `P1`..`P4` and `1`..`4`, in any case.
    public init?(parsing text: some StringProtocol) {
        var t = text.trimmingWhitespace().uppercased()
        for prefix in ["SEV-", "SEV ", "SEV", "P"] where t.hasPrefix(prefix) {
            t.removeFirst(prefix.count)
            break
        }
        guard let n = Int(t), let s = Severity(rawValue: n) else { return nil }
        self = s
    }

    public var description: String { "SEV\(rawValue)" }

    /// Text on a named scale, in range or not: `SEV7`, `sev-0`, `P5`. Such a value that is not
    /// SEV1..SEV4 is a mistake to point out, not a team's own word to map.
    public static func looksLikeScale(_ text: some StringProtocol) -> Bool {
        var t = text.trimmingWhitespace().uppercased()[...]
        if t.hasPrefix("SEV") {
            t = t.dropFirst(3)
        } else if t.hasPrefix("P") {
            t = t.dropFirst()
        } else {
            return false
        }
        if t.hasPrefix("-") || t.hasPrefix(" ") { t = t.dropFirst() }
        return !t.isEmpty && t.allSatisfy(\.isNumber)
    }

    /// A level named at the start of a longer value: `P1 (Critical)`, `SEV-2 - Major`, `Sev 3: minor`.
    /// Nil when the value does not start with one, or names a level out of range.
    public init?(leading text: some StringProtocol) {
        var words = text.trimmingWhitespace().split(whereSeparator: { " (-–—:,/".contains($0) })[...]
        guard let first = words.popFirst() else { return nil }
        if let severity = Severity(parsing: first) {
            self = severity
        } else if first.uppercased() == "SEV", let number = words.first,
            let severity = Severity(parsing: "SEV" + number)
        {
            self = severity
        } else {
            return nil
        }
    }

    /// The one level a report's prose names on the SEV scale ("a Sev1 incident", "Sev 1 ticket
    /// raised"); nil when it names none, or more than one (a template's "SEV-1 / SEV-2" examples).
    public static func named(in text: String) -> Severity? {
        let lower = text.lowercased()
        var found: Set<Int> = []
        var from = lower.startIndex
        while let range = lower.range(of: "sev", range: from..<lower.endIndex) {
            from = range.upperBound
            if range.lowerBound > lower.startIndex, lower[lower.index(before: range.lowerBound)].isLetter { continue }
            var rest = lower[range.upperBound...]
            if rest.hasPrefix("-") || rest.hasPrefix(" ") { rest = rest.dropFirst() }
            let digits = rest.prefix(while: \.isNumber)
            guard digits.count == 1, let level = Int(digits), !(rest.dropFirst().first?.isLetter ?? false) else {
                continue
            }
            found.insert(level)
        }
        guard found.count == 1, let level = found.first else { return nil }
        return Severity(rawValue: level)
    }
}

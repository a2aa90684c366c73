import Foundation

/// How a report says who noticed the outage, in explicit phrases only: "detected by an alert",
/// "paged", "a customer reported", "support ticket", "the team noticed". Nothing is inferred
/// from other words.
enum DetectionPhrases {
    static let phrases: [(String, DetectionSource)] = [
        ("detected by an alert", .alert), ("detected by our alert", .alert), ("detected by alert", .alert),
        ("detected by monitoring", .alert), ("detected by our monitoring", .alert), ("monitoring detected", .alert),
        ("monitoring detects", .alert), ("monitoring caught", .alert), ("alert fired", .alert),
        ("alerts fired", .alert), ("alert triggered", .alert), ("alerts triggered", .alert), ("alerted", .alert),
        ("paged", .alert), ("pager storm", .alert), ("automated warning", .alert), ("received an alert", .alert),
        ("received alerts", .alert), ("received a lot of alerts", .alert), ("first alert", .alert),
        ("email alerts", .alert), ("alert email", .alert), ("respond to alarms", .alert),
        ("responded to alarms", .alert), ("alarms fired", .alert), ("alarm fired", .alert),
        ("alarms went off", .alert), ("alarm went off", .alert), ("triggered an alert", .alert),
        ("a customer reported", .customer), ("customers reported", .customer), ("customer reported", .customer),
        ("reported by a customer", .customer), ("reported by customers", .customer), ("customer complaint", .customer),
        ("customers complained", .customer), ("support ticket", .customer), ("customer reports", .customer),
        ("users reported", .customer), ("user reported", .customer), ("reported by users", .customer),
        ("reported by a user", .customer), ("customers contacted", .customer), ("a customer contacted", .customer),
        ("end-users alerted", .customer), ("end users alerted", .customer), ("users alerted", .customer),
        ("customers alerted", .customer), ("users who let us know", .customer), ("users let us know", .customer),
        ("customers let us know", .customer), ("customers noticed", .customer), ("users noticed", .customer),
        ("users notice ", .customer), ("customers notice ", .customer), ("people telling us", .customer),
        ("users telling us", .customer), ("customers telling us", .customer), ("report from a user", .customer),
        ("reports from users", .customer), ("report from a customer", .customer), ("reports from customers", .customer),
        ("users reporting", .customer), ("customers reporting", .customer), ("users complained", .customer),
        ("user complaints", .customer),
        ("detected by staff", .staff), ("noticed by the team", .staff), ("the team noticed", .staff),
        ("noticed by an engineer", .staff), ("an engineer noticed", .staff), ("engineer noticed", .staff),
        ("developer noticed", .staff), ("an employee noticed", .staff), ("we noticed", .staff),
        ("reported internally", .staff), ("became aware", .staff), ("immediately aware", .staff),
        ("quick to identify", .staff), ("we observe", .staff), ("we saw", .staff), ("notices", .staff),
    ]

    /// The source of the phrase that comes first in `text`; nil when it has none.
    static func source(in text: String) -> DetectionSource? {
        let lower = text.lowercased()
        var best: (String.Index, DetectionSource)?
        for (phrase, source) in phrases where lower.utf8Contains(phrase) {
            var from = lower.startIndex
            while let range = lower.range(of: phrase, range: from..<lower.endIndex) {
                from = range.upperBound
                // Whole words: "paged" must not match inside "unpaged", "alerted" inside "end-users alerted"
                // is the customer phrase's, which starts earlier and so wins.
                if range.lowerBound > lower.startIndex, lower[lower.index(before: range.lowerBound)].isLetter {
                    continue
                }
                if isNegated(lower[..<range.lowerBound]) { continue }  // "Nobody was paged"
                if best == nil || range.lowerBound < best!.0 { best = (range.lowerBound, source) }
                break
            }
        }
        // "detected by our HTTP 5xx alert", "discovered via a customer email": who or what follows.
        for lead in [
            "detected by ", "detected via ", "discovered by ", "discovered via ", "caught by ", "identified by ",
        ] {
            guard let range = lower.range(of: lead), best == nil || range.lowerBound < best!.0 else { continue }
            let next = lower[range.upperBound...].prefix(60).split(separator: " ").prefix(5).joined(separator: " ")
            if let source = source(ofField: next) { best = (range.lowerBound, source) }
        }
        return best?.1
    }

    /// Whether the words right before a phrase deny it: "nobody was paged", "no alert fired", "we
    /// were not alerted", "wasn't paged". Auxiliaries between the denial and the phrase are skipped;
    /// any other word ends the look back ("did not know until a customer reported" is a report).
    static func isNegated(_ before: Substring) -> Bool {
        let auxiliaries: Set<Substring> = [
            "was", "were", "is", "are", "been", "be", "being", "get", "got", "ever", "even",
        ]
        var words = before.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" }).suffix(4)
        while let word = words.last, auxiliaries.contains(word) { words.removeLast() }
        guard let word = words.last else { return false }
        if ["nobody", "not", "never", "no", "none", "neither", "nor", "without"].contains(word) { return true }
        if word == "one", words.dropLast().last == "no" { return true }
        return word.hasSuffix("n't") || word.hasSuffix("n’t")
    }

    /// Who a "Detection:" or "Discovery:" field names: its phrases, else the first word for an
    /// alert, a customer or a colleague ("Developer explains that he sees no metrics" is staff).
    static func source(ofField value: String) -> DetectionSource? {
        if let source = source(in: value) { return source }
        let words: [(String, DetectionSource)] = [
            ("alert", .alert), ("alarm", .alert), ("monitor", .alert), ("pagerduty", .alert), ("opsgenie", .alert),
            ("customer", .customer), ("user", .customer), ("client", .customer), ("support", .customer),
            ("developer", .staff), ("engineer", .staff), ("employee", .staff), ("colleague", .staff),
            ("on-call", .staff), ("team", .staff), ("staff", .staff),
        ]
        var best: (Int, DetectionSource)?
        for (position, word) in value.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }).enumerated() {
            guard let (_, source) = words.first(where: { word.hasPrefix($0.0) }) else { continue }
            if best == nil || position < best!.0 { best = (position, source) }
            break
        }
        return best?.1
    }

    /// The source named by the first of `lines` that names one: a timeline says who noticed first.
    static func firstSource(inLines lines: [Substring]) -> DetectionSource? {
        for line in lines {
            let lower = line.lowercased().replacingOccurrences(of: "*", with: "")
            // A row that says which event was the detection: "**Discovery:** Developer explains ...".
            for marker in ["discovery:", "detection:", "detected:"] {
                if let range = lower.range(of: marker), let source = source(ofField: String(lower[range.upperBound...]))
                {
                    return source
                }
            }
            if let source = source(in: lower) { return source }
        }
        return nil
    }
}

import FirebreakCore
import Foundation

/// `backlog --explain` as text a manager can check with a calculator.
enum ExplainText {
    static func header(_ team: Team, asOf: Date) -> String {
        let w = team.weights
        return """
            Scores as of \(ISO8601Format.string(asOf)) for team \(team.key): ticket weight \(NumberText.plain(w.ticketWeight)), \
            customer multiplier \(NumberText.plain(w.customerMultiplier)), half-life \(NumberText.plain(w.halfLifeDays)) days, \
            default estimate \(NumberText.plain(w.defaultEstimate)).
            \(ScoreExplanation.formula).

            """
    }

    static func text(_ e: ScoreExplanation, rank: Int?, title: String) -> String {
        var out = "#\(rank.map(String.init) ?? "-") \(e.key): \(title)\n"
        for term in e.terms {
            guard let f = term.figures else {
                out += "  \(term.incident): ignored, \(term.ignoredText)\n"
                continue
            }
            out += "  \(term.incident): (\(f.minutes) min × \(f.severity) + \(f.ticketWeight) × \(f.tickets) tickets)"
            out += " × \(f.detect) × 0.5^(\(f.age) d / \(f.halfLife)) = \(f.undecayed) × \(f.decay) = \(f.cost)"
            out += "; × coverage \(f.coverage) = \(f.contribution)\n"
        }
        out += "  \(e.totalText)\n"
        return out
    }

    static func csv(_ explanations: [ScoreExplanation]) -> String {
        var rows = [
            [
                "key", "incident", "minutes", "severity_weight", "tickets", "ticket_weight", "detect", "age_days",
                "decay", "cost", "coverage", "contribution", "value", "effort", "priority",
            ]
        ]
        for e in explanations {
            for t in e.terms {
                let c = t.cost
                rows.append(
                    [
                        e.key, t.incident, c.map { "\($0.minutes)" } ?? "", c.map { "\($0.severityWeight)" } ?? "",
                        c.map { "\($0.tickets)" } ?? "", c.map { "\($0.ticketWeight)" } ?? "",
                        c.map { "\($0.detectMultiplier)" } ?? "", c.map { "\($0.ageDays)" } ?? "",
                        c.map { "\($0.decay)" } ?? "", c.map { "\($0.cost)" } ?? "", "\(t.coverage)",
                        "\(t.contribution)",
                        "\(e.value)", "\(e.effort)", "\(e.priority)",
                    ])
            }
        }
        return rows.map(CSVField.row).joined()
    }
}

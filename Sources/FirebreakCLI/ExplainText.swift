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
            cost = (minutes × sev + ticket weight × tickets) × detect × 0.5^(age / half-life); value = Σ coverage × cost.

            """
    }

    static func text(_ e: ScoreExplanation, rank: Int?, title: String) -> String {
        var out = "#\(rank.map(String.init) ?? "-") \(e.key): \(title)\n"
        for term in e.terms {
            guard let c = term.cost else {
                out += "  \(term.incident): ignored, \(term.ignored ?? "")\n"
                continue
            }
            let sev = c.severityMissing ? "0.25 (severity missing)" : NumberText.plain(c.severityWeight)
            out += "  \(term.incident): (\(NumberText.plain(c.minutes)) min × \(sev)"
            out += " + \(NumberText.plain(c.ticketWeight)) × \(NumberText.plain(c.tickets)) tickets)"
            out += " × \(NumberText.plain(c.detectMultiplier))"
            out += " × 0.5^(\(Numbers.fixed(c.ageDays, 1)) d / \(NumberText.plain(c.halfLifeDays)))"
            out += " = \(Numbers.fixed(c.undecayedCost)) × \(Numbers.fixed(c.decay, 4)) = \(Numbers.fixed(c.cost))"
            out += "; × coverage \(NumberText.plain(term.coverage)) = \(Numbers.fixed(term.contribution))\n"
        }
        out += "  value \(Numbers.fixed(e.value)) / effort \(NumberText.plain(e.effort))"
        out += e.estimated ? "" : " (unestimated: team default)"
        out += " = priority \(Numbers.fixed(e.priority))\n"
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

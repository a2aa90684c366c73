/// An explanation's words and figures, as `backlog --explain` prints them and the web app's action
/// page shows them: one wording for both.
extension ScoreExplanation {
    /// The formulas of DESIGN.md section 4 in one line.
    public static let formula =
        "cost = (minutes × sev + ticket weight × tickets) × detect × 0.5^(age / half-life); "
        + "value = Σ coverage × cost; priority = value / effort"

    /// `value 843.76 / effort 5 = priority 168.75`, with "(unestimated: team default)" after the
    /// effort when the item has no estimate of its own.
    public var totalText: String {
        "value \(NumberText.fixed(value)) / effort \(NumberText.plain(effort))"
            + (estimated ? "" : " (unestimated: team default)") + " = priority \(NumberText.fixed(priority))"
    }
}

extension ScoreExplanation.Term {
    /// One counted incident's figures, each formatted as the explanation prints it.
    public struct Figures: Sendable, Equatable {
        public var minutes: String
        /// The severity's weight, or "0.25 (severity missing)".
        public var severity: String
        public var ticketWeight: String
        public var tickets: String
        public var detect: String
        /// Days, one decimal.
        public var age: String
        public var halfLife: String
        /// The cost before decay, two decimals.
        public var undecayed: String
        /// `0.5^(age / half-life)`, four decimals.
        public var decay: String
        public var cost: String
        public var coverage: String
        public var contribution: String
    }

    /// The figures of a counted incident; nil when it is not counted (see ``ignoredText``).
    public var figures: Figures? {
        guard let c = cost else { return nil }
        return Figures(
            minutes: NumberText.plain(c.minutes),
            severity: c.severityMissing ? "0.25 (severity missing)" : NumberText.plain(c.severityWeight),
            ticketWeight: NumberText.plain(c.ticketWeight), tickets: NumberText.plain(c.tickets),
            detect: NumberText.plain(c.detectMultiplier), age: NumberText.fixed(c.ageDays, 1),
            halfLife: NumberText.plain(c.halfLifeDays), undecayed: NumberText.fixed(c.undecayedCost),
            decay: NumberText.fixed(c.decay, 4), cost: NumberText.fixed(c.cost), coverage: NumberText.plain(coverage),
            contribution: NumberText.fixed(contribution))
    }

    /// Why the incident is not counted.
    public var ignoredText: String { ignored ?? "not counted" }
}

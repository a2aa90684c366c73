/// The weights of the scoring formula, per team (DESIGN.md section 4).
public struct ScoringWeights: Sendable, Codable, Equatable {
    /// Cost of one support ticket, in severity-weighted outage minutes. Default 2.0.
    public var ticketWeight: Double
    /// Cost factor for outages that customers noticed first. Default 1.5.
    public var customerMultiplier: Double
    /// An incident's cost halves every this many days. Default 180.
    public var halfLifeDays: Double
    /// Effort assumed for an unestimated action, in story points. Default 3.
    public var defaultEstimate: Double
    /// Weights of outage minutes for SEV1..SEV4, then for a missing severity.
    /// Fixed by DESIGN.md section 4 (1.0, 0.5, 0.25, 0.1; missing 0.25); a parameter so that
    /// the formula's properties can be tested.
    public var severityWeights: [Double]

    public static let designSeverityWeights = [1.0, 0.5, 0.25, 0.1, 0.25]

    public init(
        ticketWeight: Double = 2.0, customerMultiplier: Double = 1.5, halfLifeDays: Double = 180,
        defaultEstimate: Double = 3, severityWeights: [Double] = ScoringWeights.designSeverityWeights
    ) {
        self.ticketWeight = ticketWeight
        self.customerMultiplier = customerMultiplier
        self.halfLifeDays = halfLifeDays
        self.defaultEstimate = defaultEstimate
        self.severityWeights = severityWeights
    }

    /// The weight of outage minutes for `severity` (nil: missing).
    public func weight(of severity: Severity?) -> Double {
        severityWeights[(severity?.rawValue ?? 5) - 1]
    }
}

public import Foundation

/// The cost of one incident as of a time, term by term (DESIGN.md section 4), so that a
/// manager can recompute it by hand.
public struct IncidentCost: Sendable, Equatable, Codable {
    public var incident: String
    public var minutes: Double
    /// The severity weight used; `severityMissing` when the report states none (0.25).
    public var severityWeight: Double
    public var severityMissing: Bool
    public var tickets: Double
    public var ticketWeight: Double
    /// `customer_multiplier` for customer-detected outages, else 1.
    public var detectMultiplier: Double
    public var ageDays: Double
    public var halfLifeDays: Double
    /// `0.5 ^ (age / half-life)`.
    public var decay: Double

    /// `minutes × severity weight`.
    public var minutesTerm: Double { minutes * severityWeight }
    /// `tickets × ticket weight`.
    public var ticketTerm: Double { ticketWeight * tickets }
    /// The cost before decay: what the error-budget rule and the reports add up.
    public var undecayedCost: Double { (minutesTerm + ticketTerm) * detectMultiplier }
    /// `(minutes × sev + ticket_weight × tickets) × detect × decay`.
    public var cost: Double { undecayedCost * decay }

    /// The cost of `incident` as of `asOf`; nil when it started after `asOf` or has no start date
    /// (a draft), since neither can be placed in time.
    public init?(_ incident: IncidentFacts, weights: ScoringWeights, asOf: Date) {
        guard let started = incident.startedAt, started <= asOf else { return nil }
        self.incident = incident.key
        minutes = Double(incident.outageMinutes ?? 0)
        severityWeight = weights.weight(of: incident.severity)
        severityMissing = incident.severity == nil
        tickets = Double(incident.tickets ?? 0)
        ticketWeight = weights.ticketWeight
        detectMultiplier = incident.detectedBy == .customer ? weights.customerMultiplier : 1
        ageDays = asOf.timeIntervalSince(started) / 86_400
        halfLifeDays = weights.halfLifeDays
        decay = Self.decay(ageDays: ageDays, halfLifeDays: weights.halfLifeDays)
    }

    /// Past this many half-lives an incident costs nothing: `0.5^1000` is about 1e-301, so the
    /// rest would underflow, which PostgreSQL reports as an error where Swift rounds to 0.
    public static let forgottenAfterHalfLives = 1000.0

    /// `0.5 ^ (age / half-life)`, or 0 past `forgottenAfterHalfLives` (compared without dividing
    /// by the half-life, which may be tiny).
    public static func decay(ageDays: Double, halfLifeDays: Double) -> Double {
        ageDays / forgottenAfterHalfLives > halfLifeDays ? 0 : pow(0.5, ageDays / halfLifeDays)
    }
}

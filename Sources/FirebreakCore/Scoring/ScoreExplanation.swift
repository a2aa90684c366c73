/// Why an item scores what it does: each linked incident's terms and its share of the value.
public struct ScoreExplanation: Sendable, Equatable, Codable {
    public var key: String
    public var terms: [Term]
    public var value: Double
    public var effort: Double
    public var estimated: Bool
    public var priority: Double

    public struct Term: Sendable, Equatable, Codable {
        public var cost: IncidentCost?
        /// Set when the incident is not counted: it started after the as-of time, or has no date.
        public var ignored: String?
        public var incident: String
        public var coverage: Double
        /// `coverage × cost`.
        public var contribution: Double
    }
}

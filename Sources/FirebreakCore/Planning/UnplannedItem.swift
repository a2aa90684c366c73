/// An action the plan could not place, and why.
public struct UnplannedItem: Sendable, Equatable, Codable {
    public var key: String
    /// `too-big`, `no-capacity`, `blocked-by`, `not-estimated` or `no-value`.
    public var reason: PlanReason
    public var reasonText: String
    /// With `blocked-by`: the dependencies that are neither done nor planned earlier.
    public var blockedBy: [String]?
    /// Its effort (the team default when it has no estimate) and value when the plan was made.
    public var effort: Double
    public var value: Double

    public init(
        key: String, reason: PlanReason, reasonText: String, blockedBy: [String]? = nil, effort: Double, value: Double
    ) {
        self.key = key
        self.reason = reason
        self.reasonText = reasonText
        self.blockedBy = blockedBy
        self.effort = effort
        self.value = value
    }
}

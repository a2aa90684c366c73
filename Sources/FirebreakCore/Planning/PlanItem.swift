/// An action placed in a sprint of a plan, with its rank and why it is there.
public struct PlanItem: Sendable, Equatable, Codable {
    public var key: String
    public var title: String
    public var effort: Double
    public var estimated: Bool
    public var value: Double
    public var priority: Double
    public var rank: Int
    public var claimedBy: String?
    /// Why it is in its sprint; nil in a plan stored before plans gave reasons.
    public var reason: PlanReason?
    public var reasonText: String?
    /// With `after-dependency`: the dependency it waited for, and that dependency's sprint number.
    public var dependency: String?
    public var dependencySprint: Int?
}

extension PlanItem {
    private enum CodingKeys: String, CodingKey {
        case key, title, effort, estimated, value, priority, rank, claimedBy, reason, reasonText, dependency
        case dependencySprint
    }

    /// `"claimedBy": null` for unclaimed items, and `reason` and `reasonText` always, as DESIGN.md
    /// section 7 shows.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(title, forKey: .title)
        try c.encode(effort, forKey: .effort)
        try c.encode(estimated, forKey: .estimated)
        try c.encode(value, forKey: .value)
        try c.encode(priority, forKey: .priority)
        try c.encode(rank, forKey: .rank)
        try c.encode(claimedBy, forKey: .claimedBy)
        try c.encode(reason, forKey: .reason)
        try c.encode(reasonText, forKey: .reasonText)
        try c.encodeIfPresent(dependency, forKey: .dependency)
        try c.encodeIfPresent(dependencySprint, forKey: .dependencySprint)
    }
}

/// One ranked backlog item, in the JSON shape of DESIGN.md section 7.
public struct RankedItem: Sendable, Equatable, Codable {
    public var rank: Int
    public var key: String
    public var title: String
    public var kind: ActionKind
    public var status: ActionStatus
    /// Sum over linked incidents of coverage × cost.
    public var value: Double
    /// The estimate, or the team's default estimate when there is none.
    public var effort: Double
    /// False when `effort` is the default estimate.
    public var estimated: Bool
    /// `value / effort`.
    public var priority: Double
    /// The linked incidents, in natural key order.
    public var incidents: [String]
    public var claimedBy: String?

    public init(
        rank: Int, key: String, title: String, kind: ActionKind, status: ActionStatus, value: Double, effort: Double,
        estimated: Bool, priority: Double, incidents: [String], claimedBy: String?
    ) {
        self.rank = rank
        self.key = key
        self.title = title
        self.kind = kind
        self.status = status
        self.value = value
        self.effort = effort
        self.estimated = estimated
        self.priority = priority
        self.incidents = incidents
        self.claimedBy = claimedBy
    }
}

extension [RankedItem] {
    /// Where each of `keys` is in this ranking (nil: not in it). Keys listed in rank order, as a
    /// plan's unplanned items are, are found in one walk without hashing a hundred thousand keys;
    /// a key out of that order is looked up in an index instead.
    public func positions(of keys: [String]) -> [Int?] {
        var next = 0
        var index: [String: Int]?
        return keys.map { key in
            let start = next
            while next < count {
                defer { next += 1 }
                if self[next].key == key { return next }
            }
            next = start
            if index == nil { index = Dictionary(indices.map { (self[$0].key, $0) }, uniquingKeysWith: { a, _ in a }) }
            return index?[key]
        }
    }
}

extension RankedItem {
    private enum CodingKeys: String, CodingKey {
        case rank, key, title, kind, status, value, effort, estimated, priority, incidents, claimedBy
    }

    /// DESIGN.md section 7 writes `"claimedBy": null` for unclaimed items, so nil is encoded, not left out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rank, forKey: .rank)
        try c.encode(key, forKey: .key)
        try c.encode(title, forKey: .title)
        try c.encode(kind, forKey: .kind)
        try c.encode(status, forKey: .status)
        try c.encode(value, forKey: .value)
        try c.encode(effort, forKey: .effort)
        try c.encode(estimated, forKey: .estimated)
        try c.encode(priority, forKey: .priority)
        try c.encode(incidents, forKey: .incidents)
        try c.encode(claimedBy, forKey: .claimedBy)
    }
}

/// A claim on an action: the action's key, where it stands and who holds it, as a claim, release or
/// completion answers.
public struct Claim: Codable, Sendable, Equatable {
    public var key: String
    public var status: ActionStatus
    public var claimedBy: String?

    public init(key: String, status: ActionStatus, claimedBy: String?) {
        self.key = key
        self.status = status
        self.claimedBy = claimedBy
    }

    enum CodingKeys: String, CodingKey { case key, status, claimedBy }

    /// `claimedBy` is null, not absent: the JSON shape is stable.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(status, forKey: .status)
        try c.encode(claimedBy, forKey: .claimedBy)
    }
}

public import FirebreakCore

/// An engineer as `engineer list --all` shows them: the engineer's own keys, then `active` (false
/// once deactivated).
public struct EngineerListing: Sendable, Codable, Equatable {
    public var engineer: Engineer
    public var active: Bool

    public init(engineer: Engineer, active: Bool) {
        self.engineer = engineer
        self.active = active
    }

    enum CodingKeys: String, CodingKey { case active }

    public init(from decoder: any Decoder) throws {
        engineer = try Engineer(from: decoder)
        active = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Bool.self, forKey: .active) ?? true
    }

    public func encode(to encoder: any Encoder) throws {
        try engineer.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(active, forKey: .active)
    }
}

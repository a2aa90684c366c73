public import FirebreakCore

/// A team as `team list --all` shows it: the team's own keys, then `archived` and `demo` (whether
/// `firebreak demo` made it, so that `team delete` removes its incidents too).
public struct TeamListing: Sendable, Codable, Equatable {
    public var team: Team
    public var archived: Bool
    public var demo: Bool

    public init(team: Team, archived: Bool, demo: Bool) {
        self.team = team
        self.archived = archived
        self.demo = demo
    }

    enum CodingKeys: String, CodingKey { case archived, demo }

    public init(from decoder: any Decoder) throws {
        team = try Team(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        archived = try c.decodeIfPresent(Bool.self, forKey: .archived) ?? false
        demo = try c.decodeIfPresent(Bool.self, forKey: .demo) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        try team.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(archived, forKey: .archived)
        try c.encode(demo, forKey: .demo)
    }
}

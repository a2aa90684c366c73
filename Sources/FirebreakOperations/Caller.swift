public import FirebreakStore

/// Who calls an operation: a token's holder through the service, or the local CLI's user (a manager).
/// Encoded as `GET /v1/me` answers it.
public struct Caller: Sendable, Equatable, Codable {
    /// The token's name, or the local user's.
    public var name: String
    public var role: TokenStore.Role
    /// The engineer the caller acts as by default: an engineer token's own, or the one a manager's
    /// token (or `FIREBREAK_ENGINEER`) names.
    public var engineer: String?
    /// The engineer's team, the default team of the team-wide operations.
    public var team: String?
    /// The name audit entries record: `api:NAME` for a token, the OS user for the local CLI.
    public var actor: String

    public init(name: String, role: TokenStore.Role, engineer: String?, team: String?, actor: String) {
        self.name = name
        self.role = role
        self.engineer = engineer
        self.team = team
        self.actor = actor
    }

    enum CodingKeys: String, CodingKey { case name, role, engineer, team, actor }

    /// `engineer` and `team` are written as null when absent: the shape is stable.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(role, forKey: .role)
        try c.encode(engineer, forKey: .engineer)
        try c.encode(team, forKey: .team)
        try c.encode(actor, forKey: .actor)
    }
}

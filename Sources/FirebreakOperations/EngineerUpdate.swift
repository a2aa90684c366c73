public import FirebreakCore

/// What `engineer set` did: the engineer as stored, and each field it changed as `old -> new`.
public struct EngineerUpdate: Sendable, Codable, Equatable {
    public var engineer: Engineer
    public var changed: [String: String]

    public init(engineer: Engineer, changed: [String: String]) {
        self.engineer = engineer
        self.changed = changed
    }
}

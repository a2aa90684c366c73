/// Where an action stands.
public enum ActionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    case claimed
    case done
    case wontfix

    /// Open and claimed items are ranked and planned; done and won't-fix are not.
    public var isActive: Bool { self == .open || self == .claimed }
}

/// The fields `engineer set` changes; nil leaves a field as it is.
public struct EngineerChanges: Sendable, Codable, Equatable {
    public var displayName: String?
    /// The new email; empty removes it.
    public var email: String?
    /// The team the engineer moves to.
    public var team: String?
    /// Story points per sprint.
    public var capacity: Double?

    public init(displayName: String? = nil, email: String? = nil, team: String? = nil, capacity: Double? = nil) {
        self.displayName = displayName
        self.email = email
        self.team = team
        self.capacity = capacity
    }

    /// Whether it changes nothing at all.
    public var isEmpty: Bool { displayName == nil && email == nil && team == nil && capacity == nil }

    /// `engineer` with these changes made.
    public func applied(to engineer: Engineer) -> Engineer {
        var changed = engineer
        if let displayName { changed.displayName = displayName }
        if let email { changed.email = email.isEmpty ? nil : email }
        if let team { changed.team = team }
        if let capacity { changed.capacity = capacity }
        return changed
    }

    /// What changed from `before` to `after`, as `field: old -> new` (`none` for no value), for an
    /// audit entry and for the user; fields that did not change are left out.
    public static func differences(from before: Engineer, to after: Engineer) -> [String: String] {
        var details: [String: String] = [:]
        func note(_ field: String, _ a: String?, _ b: String?) {
            if a != b { details[field] = "\(a ?? "none") -> \(b ?? "none")" }
        }
        note("name", before.displayName, after.displayName)
        note("email", before.email, after.email)
        note("team", before.team, after.team)
        note("capacity", NumberText.plain(before.capacity), NumberText.plain(after.capacity))
        return details
    }
}

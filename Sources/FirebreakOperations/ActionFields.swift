public import FirebreakCore
public import FirebreakStore

/// The fields of an action that `action add`, `action set`, `POST /v1/actions` and
/// `PATCH /v1/actions/{key}` may give; absent leaves a field as it is, and `estimate` or `due` sent as
/// null clears it. The one place an action's change is made from what a face was given.
public struct ActionFields: Codable, Sendable, Equatable {
    public var title: String?
    public var team: String?
    public var description: String?
    public var kind: ActionKind?
    public var category: String?
    public var estimate: Double?
    public var clearEstimate = false
    public var due: CalendarDate?
    public var clearDue = false
    public var owner: String?
    public var externalKey: String?
    public var status: ActionStatus?
    public var dependsOn: [String]?
    public var noLongerDependsOn: [String]?

    /// The keys a body may hold; any other is refused.
    public static let keys: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, team, description, kind, category, estimate, due, owner, externalKey, status, dependsOn
        case noLongerDependsOn
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        team = try c.decodeIfPresent(String.self, forKey: .team)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        kind = try c.decodeIfPresent(ActionKind.self, forKey: .kind)
        category = try c.decodeIfPresent(String.self, forKey: .category)
        if c.contains(.estimate), try c.decodeNil(forKey: .estimate) {
            clearEstimate = true
        } else {
            estimate = try c.decodeIfPresent(Double.self, forKey: .estimate)
        }
        if c.contains(.due), try c.decodeNil(forKey: .due) {
            clearDue = true
        } else {
            due = try c.decodeIfPresent(CalendarDate.self, forKey: .due)
        }
        owner = try c.decodeIfPresent(String.self, forKey: .owner)
        externalKey = try c.decodeIfPresent(String.self, forKey: .externalKey)
        status = try c.decodeIfPresent(ActionStatus.self, forKey: .status)
        dependsOn = try c.decodeIfPresent([String].self, forKey: .dependsOn)
        noLongerDependsOn = try c.decodeIfPresent([String].self, forKey: .noLongerDependsOn)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(team, forKey: .team)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(kind, forKey: .kind)
        try c.encodeIfPresent(category, forKey: .category)
        if clearEstimate {
            try c.encodeNil(forKey: .estimate)
        } else {
            try c.encodeIfPresent(estimate, forKey: .estimate)
        }
        if clearDue { try c.encodeNil(forKey: .due) } else { try c.encodeIfPresent(due, forKey: .due) }
        try c.encodeIfPresent(owner, forKey: .owner)
        try c.encodeIfPresent(externalKey, forKey: .externalKey)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(dependsOn, forKey: .dependsOn)
        try c.encodeIfPresent(noLongerDependsOn, forKey: .noLongerDependsOn)
    }

    /// The store's change.
    var changes: ActionStore.Changes {
        var c = ActionStore.Changes()
        c.title = title
        c.description = description
        c.kind = kind
        c.category = category
        c.estimate = estimate
        c.clearEstimate = clearEstimate
        c.due = due
        c.clearDue = clearDue
        c.owner = owner
        c.externalKey = externalKey
        c.status = status
        c.dependsOn = dependsOn ?? []
        c.noLongerDependsOn = noLongerDependsOn ?? []
        return c
    }
}

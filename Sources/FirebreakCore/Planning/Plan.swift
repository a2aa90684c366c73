public import Foundation

/// A plan: improvement work placed in the coming sprints (DESIGN.md sections 5 and 7).
/// Once stored it never changes; a new plan is a new number.
public struct Plan: Sendable, Equatable, Codable {
    public var team: String
    /// Numbered per team from 1; 0 until stored.
    public var number: Int
    public var asOf: Date
    public var sprints: [PlannedSprint]
    public var unplanned: [UnplannedItem]
    public var warnings: [PlanWarning]

    public init(
        team: String, number: Int, asOf: Date, sprints: [PlannedSprint], unplanned: [UnplannedItem],
        warnings: [PlanWarning]
    ) {
        self.team = team
        self.number = number
        self.asOf = asOf
        self.sprints = sprints
        self.unplanned = unplanned
        self.warnings = warnings
    }

    /// Every planned item with its sprint, in plan order.
    public var placements: [(sprint: PlannedSprint, item: PlanItem)] {
        sprints.flatMap { sprint in sprint.items.map { (sprint, $0) } }
    }
}

public struct PlannedSprint: Sendable, Equatable, Codable {
    public var number: Int
    public var name: String
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var kind: Sprint.Kind
    /// Why it is an improvement sprint: `cadence` or `budget`.
    public var reason: Sprint.Reason?
    public var capacity: Double
    public var backlogCapacity: Int
    /// Story points of the items placed, claimed ones included.
    public var used: Double
    /// The value (outage cost) the sprint's items address.
    public var value: Double
    public var items: [PlanItem]

    public init(_ sprint: Sprint, items: [PlanItem]) {
        number = sprint.number
        name = sprint.name
        startsOn = sprint.startsOn
        endsOn = sprint.endsOn
        kind = sprint.kind
        reason = sprint.reason
        capacity = sprint.capacity
        backlogCapacity = sprint.backlogCapacity
        self.items = items
        used = items.reduce(0) { $0 + $1.effort }
        value = items.reduce(0) { $0 + $1.value }
    }
}

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

public struct UnplannedItem: Sendable, Equatable, Codable {
    public var key: String
    /// `too-big`, `no-capacity`, `blocked-by`, `not-estimated` or `no-value`.
    public var reason: PlanReason
    public var reasonText: String
    /// With `blocked-by`: the dependencies that are neither done nor planned earlier.
    public var blockedBy: [String]?
    /// Its effort (the team default when it has no estimate) and value when the plan was made.
    public var effort: Double
    public var value: Double

    public init(
        key: String, reason: PlanReason, reasonText: String, blockedBy: [String]? = nil, effort: Double, value: Double
    ) {
        self.key = key
        self.reason = reason
        self.reasonText = reasonText
        self.blockedBy = blockedBy
        self.effort = effort
        self.value = value
    }
}

public struct PlanWarning: Sendable, Equatable, Codable {
    /// What the plan cannot do; its raw value is the stable code that JSON and every export show.
    public enum Code: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
        /// More points than any sprint has.
        case tooBig = "too-big"
        case missedDueDate = "missed-due-date"
        case unestimated
        case noDetectAction = "no-detect-action"
        case noAction = "no-action"
        /// The first sprint's claimed items need more than its backlog capacity.
        case overCapacity = "over-capacity"

        public var description: String { rawValue }
    }

    public var code: Code
    public var key: String
    public var message: String
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

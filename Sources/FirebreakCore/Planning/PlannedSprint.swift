/// One sprint of a plan: its dates, kind and capacity, and the actions placed in it.
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

/// How far the team is in one planned sprint: what it can take, what the plan put in, and how much
/// of that is claimed and done now. The overview's "current sprint".
public struct SprintProgress: Sendable, Equatable {
    public var sprint: PlannedSprint
    /// Story points the sprint keeps for the backlog (``PlannedSprint/backlogCapacity``).
    public var capacity: Int
    /// Story points the plan placed in it.
    public var used: Double
    /// The placed items claimed now, and their effort.
    public var claimed: Int
    public var claimedEffort: Double
    /// The placed items done now, and their effort.
    public var done: Int
    public var doneEffort: Double
    /// The placed items neither claimed nor done (open, or dropped as won't fix).
    public var rest: Int

    /// - Parameter statuses: each action's status now, by key; an item missing from it counts as open.
    public init(_ sprint: PlannedSprint, statuses: [String: ActionStatus]) {
        self.sprint = sprint
        capacity = sprint.backlogCapacity
        used = sprint.used
        let claimedItems = sprint.items.filter { statuses[$0.key] == .claimed }
        let doneItems = sprint.items.filter { statuses[$0.key] == .done }
        claimed = claimedItems.count
        claimedEffort = claimedItems.reduce(0) { $0 + $1.effort }
        done = doneItems.count
        doneEffort = doneItems.reduce(0) { $0 + $1.effort }
        rest = sprint.items.count - claimed - done
    }

    /// The sprint of `plan` that holds `day`, if the plan covers it.
    public static func current(in plan: Plan, on day: CalendarDate) -> PlannedSprint? {
        plan.sprints.first { $0.startsOn <= day && day <= $0.endsOn }
    }
}

public import Foundation

/// What an engineer works on next (`firebreak next`): the items they hold, against the team's WIP
/// limit and their capacity, then the best unclaimed items of the current sprint of the latest plan
/// that still fit, each with the command that claims it.
///
/// Suggestions are taken in rank order (priority, then value, then key, as the backlog ranks them
/// now, not as the plan ranked them), each while it fits what is left: one WIP slot and its effort
/// out of the engineer's capacity less the effort of what they already hold and of the suggestions
/// before it. An item that does not fit is passed over, so a smaller one further down can come in.
public struct NextWork: Sendable, Equatable, Codable {
    public struct Item: Sendable, Equatable, Codable {
        /// The item's place in the backlog now.
        public var rank: Int
        public var key: String
        public var title: String
        public var kind: ActionKind
        public var effort: Double
        public var estimated: Bool
        public var value: Double
        public var priority: Double
        /// For a suggestion, the command that claims it (`firebreak claim ACT-12 --as alice`); nil for
        /// an item already held.
        public var claimCommand: String?

        init(_ item: RankedItem, claimCommand: String?) {
            rank = item.rank
            key = item.key
            title = item.title
            kind = item.kind
            effort = item.effort
            estimated = item.estimated
            value = item.value
            priority = item.priority
            self.claimCommand = claimCommand
        }
    }

    /// The plan's sprint the suggestions come from.
    public struct SprintRef: Sendable, Equatable, Codable {
        public var number: Int
        public var name: String
        public var startsOn: CalendarDate
        public var endsOn: CalendarDate
    }

    public var team: String
    public var engineer: String
    public var asOf: Date
    /// How many items the engineer may hold claimed at once (the team's).
    public var wipLimit: Int
    /// The engineer's story points per sprint.
    public var capacity: Double
    /// The effort of the items the engineer holds.
    public var claimedEffort: Double
    /// `capacity - claimedEffort`, never below 0.
    public var remainingCapacity: Double
    /// The latest stored plan's number; nil when the team has none.
    public var plan: Int?
    /// The plan's sprint containing the as-of date (or the first after it); nil when none is left.
    public var sprint: SprintRef?
    /// The items the engineer holds, in rank order.
    public var claimed: [Item]
    /// What to claim next, best first.
    public var suggestions: [Item]
    /// Why there is nothing (more) to suggest; nil when nothing held anything back.
    public var note: String?

    /// Works out the engineer's next work from the team's ranked backlog (open and claimed items) as
    /// of `asOf`, and the latest stored plan (nil when there is none).
    public init(team: Team, engineer: Engineer, ranked: [RankedItem], plan: Plan?, asOf: Date) {
        let handle = engineer.handle
        let held = ranked.filter { $0.status == .claimed && $0.claimedBy == handle }
        self.team = team.key
        self.engineer = handle
        self.asOf = asOf
        wipLimit = team.wipLimit
        capacity = engineer.capacity
        claimed = held.map { Item($0, claimCommand: nil) }
        claimedEffort = held.reduce(0) { $0 + $1.effort }
        remainingCapacity = max(0, engineer.capacity - claimedEffort)
        self.plan = plan?.number
        suggestions = []
        note = nil

        guard let plan else {
            note = "team \(team.key) has no plan yet; a manager runs `firebreak plan --team \(team.key)`"
            return
        }
        let today = CalendarDate(containing: asOf)
        guard let current = plan.sprints.first(where: { $0.endsOn >= today }) else {
            note = "every sprint of plan \(plan.number) is over; a manager runs `firebreak plan --team \(team.key)`"
            return
        }
        sprint = SprintRef(
            number: current.number, name: current.name, startsOn: current.startsOn, endsOn: current.endsOn)
        let slots = team.wipLimit - held.count
        guard slots > 0 else {
            note =
                "\(handle) holds \(held.count) of the WIP limit of \(team.wipLimit); finish or release one first "
                + "(`firebreak done KEY --as \(handle)`)"
            return
        }
        let planned = Set(current.items.map(\.key))
        let candidates = ranked.filter { $0.status == .open && planned.contains($0.key) }
        guard !candidates.isEmpty else {
            note = "every item of \(current.name) in plan \(plan.number) is claimed or done"
            return
        }
        var left = remainingCapacity
        for item in candidates where suggestions.count < slots && item.effort <= left {
            suggestions.append(Item(item, claimCommand: Self.claimCommand(item.key, handle)))
            left -= item.effort
        }
        if suggestions.isEmpty {
            note =
                "none of the \(candidates.count) unclaimed items of \(current.name) fits the "
                + "\(NumberText.plain(remainingCapacity)) points \(handle) has left"
        }
    }

    /// The claim command, as `firebreak claim` takes it.
    public static func claimCommand(_ key: String, _ handle: String) -> String {
        "firebreak claim \(key) --as \(handle)"
    }
}

/// The sentences of the reasons: the one place they are worded, for the planner and for plans read back.
extension PlanReason {
    /// What a plan knows of its items, for the sentences of the unplanned ones.
    public struct Context: Sendable {
        /// The most backlog points any sprint of the plan has.
        public var largest: Int
        /// Placed key → the name of its sprint.
        public var sprintOf: [String: String]
        /// The name of the plan's last sprint.
        public var lastSprint: String?
        /// The unplanned keys; only those that block another item are ever looked up, so callers may
        /// leave out the rest.
        public var unplanned: Set<String>

        public init(sprints: [PlannedSprint], unplanned: some Sequence<String>) {
            largest = sprints.map(\.backlogCapacity).max() ?? 0
            var sprintOf: [String: String] = [:]
            for sprint in sprints { for item in sprint.items { sprintOf[item.key] = sprint.name } }
            self.sprintOf = sprintOf
            lastSprint = sprints.last?.name
            self.unplanned = Set(unplanned)
        }
    }

    /// The sentence for an unplanned item with this code.
    public func unplannedText(effort: Double, blockedBy: [String]?, context: Context) -> String {
        switch self {
        case .noValue:
            return "addresses no outage cost, so there is no value to plan it for"
        case .tooBig:
            return "needs \(Self.points(effort)); no sprint has more than \(context.largest) for the backlog: split it"
        case .notEstimated:
            return "no estimate: counted at the team default of \(Self.points(effort)), more than any sprint has "
                + "for the backlog (\(context.largest)): estimate it"
        case .noCapacity:
            return "it fits (\(Self.points(effort))), but each sprint it could go in went to items of more value"
        case .blockedBy:
            let waits = (blockedBy ?? []).map { key in
                if let sprint = context.sprintOf[key] {
                    return sprint == context.lastSprint
                        ? "\(key), planned in \(sprint), the plan's last sprint" : "\(key), planned in \(sprint)"
                }
                return context.unplanned.contains(key)
                    ? "\(key), which is not planned" : "\(key), which will not be done"
            }
            return "waits for " + (waits.isEmpty ? "a dependency" : waits.joined(separator: "; "))
        case .claimed, .bestFit, .afterDependency, .dueDate:
            return rawValue
        }
    }

    /// The sentences of a plan's unplanned items. All but a blocked item's depend only on the reason
    /// and the effort, so each is worded once and shared: a backlog of a million actions leaves most
    /// of them unplanned, for a handful of sentences.
    public struct Sentences {
        private struct Wording: Hashable {
            let reason: PlanReason
            let effort: Double
        }

        private let context: Context
        private var worded: [Wording: String] = [:]

        public init(context: Context) { self.context = context }

        /// `reason.unplannedText(effort:blockedBy:context:)`.
        public mutating func unplanned(_ reason: PlanReason, effort: Double, blockedBy: [String]?) -> String {
            guard reason != .blockedBy else {
                return reason.unplannedText(effort: effort, blockedBy: blockedBy, context: context)
            }
            let wording = Wording(reason: reason, effort: effort)
            if let text = worded[wording] { return text }
            let text = reason.unplannedText(effort: effort, blockedBy: blockedBy, context: context)
            worded[wording] = text
            return text
        }
    }

    static func claimedText(by handle: String?, sprint: Sprint) -> String {
        "claimed by \(handle ?? "an engineer"), so pinned to \(sprint.name), the current sprint"
    }

    static func fitText(_ sprint: Sprint) -> String {
        "best value that fits \(sprint.name)'s \(backlogPoints(sprint.backlogCapacity))"
    }

    /// A best fit, and why not in an earlier sprint: those went to items of more value (or due
    /// sooner, when `dueFirst`) (`passedOver`), or it was too big for them (`tooBigFor`).
    static func bestFitText(_ sprint: Sprint, passedOver: [Sprint], tooBigFor: [Sprint], dueFirst: Bool) -> String {
        var text = fitText(sprint)
        if !passedOver.isEmpty {
            text += "; \(names(passedOver)) went to items of more value" + (dueFirst ? " or due sooner" : "")
        }
        if !tooBigFor.isEmpty {
            let most = tooBigFor.map(\.backlogCapacity).max() ?? 0
            text +=
                tooBigFor.count == 1
                ? "; too big for \(tooBigFor[0].name)'s \(backlogPoints(most))"
                : "; too big for \(names(tooBigFor)) (at most \(most) backlog points)"
        }
        return text
    }

    static func afterDependencyText(_ sprint: Sprint, dependency: String, dependencySprint: Sprint) -> String {
        "after its dependency \(dependency), planned in \(dependencySprint.name); then "
            + fitText(sprint)
    }

    /// Why an item due on `due` went in ahead of items of more value, as of the day `today`.
    static func dueDateText(_ sprint: Sprint, due: CalendarDate, lastChance: Bool, today: CalendarDate) -> String {
        if lastChance {
            return "due \(due): \(sprint.name) is the last sprint that ends by then, so it goes in ahead of items of "
                + "more value"
        }
        let when =
            due < today
            ? "overdue since \(due)"
            : due < sprint.startsOn
                ? "due \(due), before \(sprint.name) starts" : "due \(due), before \(sprint.name) ends"
        return "\(when): it goes in ahead of items of more value as soon as it can"
    }

    /// `CORE Sprint 24` alone; more as `sprints 24 and 26`, `sprints 24, 25 and 27`, or a run of
    /// more than three as `sprints 24 to 28`.
    static func names(_ sprints: [Sprint]) -> String {
        guard let first = sprints.first, let last = sprints.last else { return "" }
        if sprints.count == 1 { return first.name }
        if sprints.count > 3, last.number - first.number == sprints.count - 1 {
            return "sprints \(first.number) to \(last.number)"
        }
        return "sprints " + sprints.dropLast().map { String($0.number) }.joined(separator: ", ") + " and \(last.number)"
    }

    /// `1 backlog point`, `2 backlog points`.
    static func backlogPoints(_ n: Int) -> String { n == 1 ? "1 backlog point" : "\(n) backlog points" }

    /// `1 point`, `2 points`, `0.5 points`.
    static func points(_ effort: Double) -> String {
        NumberText.plain(effort) + (effort == 1 ? " point" : " points")
    }
}

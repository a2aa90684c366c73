/// What changed between two plans: items that entered, left or moved (with the later plan's
/// reason), items whose estimate or value changed, and each sprint's capacity, used and value.
public struct PlanDiff: Sendable, Equatable, Codable {
    public struct Move: Sendable, Equatable, Codable {
        public var key: String
        /// Sprint numbers; 0 where the item is not planned.
        public var from: Int
        public var to: Int
        /// Why the later plan has it where it is (or, for an item that left, why it is not planned);
        /// nil when that plan was stored before plans gave reasons.
        public var reason: PlanReason?
        public var reasonText: String?
    }

    /// An item in both plans (planned or not) whose effort or value is not the same.
    public struct Change: Sendable, Equatable, Codable {
        public var key: String
        public var effortBefore: Double
        public var effortAfter: Double
        public var valueBefore: Double
        public var valueAfter: Double
    }

    /// One sprint's figures in one plan.
    public struct Figures: Sendable, Equatable, Codable {
        public var capacity: Double
        public var backlogCapacity: Int
        public var used: Double
        public var value: Double

        init(_ sprint: PlannedSprint) {
            capacity = sprint.capacity
            backlogCapacity = sprint.backlogCapacity
            used = sprint.used
            value = sprint.value
        }
    }

    public struct SprintChange: Sendable, Equatable, Codable {
        public var number: Int
        public var name: String
        /// Nil when the sprint is not in that plan.
        public var before: Figures?
        public var after: Figures?
    }

    public var from: Int
    public var to: Int
    /// Planned in `to`, not in `from`.
    public var entered: [Move]
    /// Planned in `from`, not in `to`.
    public var left: [Move]
    public var moved: [Move]
    /// In both plans, with another effort or value.
    public var changed: [Change]
    public var sprints: [SprintChange]

    public init(_ a: Plan, _ b: Plan) {
        from = a.number
        to = b.number
        func placements(_ plan: Plan) -> [String: (sprint: Int, item: PlanItem)] {
            Dictionary(
                plan.placements.map { ($0.item.key, ($0.sprint.number, $0.item)) }, uniquingKeysWith: { x, _ in x })
        }
        let before = placements(a)
        let after = placements(b)
        let unplanned = Dictionary(b.unplanned.map { ($0.key, $0) }, uniquingKeysWith: { x, _ in x })
        func sortedMoves(_ moves: [Move]) -> [Move] {
            moves.sorted { $0.to != $1.to ? $0.to < $1.to : ItemKey.naturalLess($0.key, $1.key) }
        }
        entered = sortedMoves(
            after.filter { before[$0.key] == nil }.map {
                Move(
                    key: $0.key, from: 0, to: $0.value.sprint, reason: $0.value.item.reason,
                    reasonText: $0.value.item.reasonText)
            })
        left = sortedMoves(
            before.filter { after[$0.key] == nil }.map {
                Move(
                    key: $0.key, from: $0.value.sprint, to: 0, reason: unplanned[$0.key]?.reason,
                    reasonText: unplanned[$0.key]?.reasonText ?? "no longer open")
            })
        moved = sortedMoves(
            after.compactMap { key, now in
                guard let then = before[key], then.sprint != now.sprint else { return nil }
                return Move(
                    key: key, from: then.sprint, to: now.sprint, reason: now.item.reason,
                    reasonText: now.item.reasonText)
            })
        func figures(_ plan: Plan) -> [String: (effort: Double, value: Double)] {
            var all = Dictionary(
                plan.unplanned.map { ($0.key, ($0.effort, $0.value)) }, uniquingKeysWith: { x, _ in x })
            for (_, item) in plan.placements { all[item.key] = (item.effort, item.value) }
            return all
        }
        let then = figures(a)
        changed = figures(b).compactMap { key, now in
            guard let then = then[key], !Self.same(then.effort, now.effort) || !Self.same(then.value, now.value) else {
                return nil
            }
            return Change(
                key: key, effortBefore: then.effort, effortAfter: now.effort, valueBefore: then.value,
                valueAfter: now.value)
        }.sorted { ItemKey.naturalLess($0.key, $1.key) }
        let numbers = Set(a.sprints.map(\.number) + b.sprints.map(\.number)).sorted()
        sprints = numbers.map { n in
            let x = a.sprints.first { $0.number == n }
            let y = b.sprints.first { $0.number == n }
            return SprintChange(
                number: n, name: (y ?? x)!.name, before: x.map(Figures.init), after: y.map(Figures.init))
        }
    }

    /// Equal but for the last bits: a value worked out in another order (or read back from the
    /// database) may differ in its last digit, which is no change.
    public static func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    /// Whether the two plans place the same items in the same sprints with the same figures.
    public var isEmpty: Bool {
        entered.isEmpty && left.isEmpty && moved.isEmpty && changed.isEmpty
            && sprints.allSatisfy { $0.before == $0.after }
    }
}

/// What changed between two plans: items that entered, left or moved, and the value per sprint.
public struct PlanDiff: Sendable, Equatable, Codable {
    public struct Move: Sendable, Equatable, Codable {
        public var key: String
        public var from: Int
        public var to: Int
    }

    public struct SprintValue: Sendable, Equatable, Codable {
        public var number: Int
        public var name: String
        /// Nil when the sprint is not in that plan.
        public var before: Double?
        public var after: Double?
    }

    public var from: Int
    public var to: Int
    /// Planned in `to`, not in `from`: key and sprint number.
    public var entered: [Move]
    /// Planned in `from`, not in `to`.
    public var left: [Move]
    public var moved: [Move]
    public var sprints: [SprintValue]

    public init(_ a: Plan, _ b: Plan) {
        from = a.number
        to = b.number
        let before = Dictionary(a.placements.map { ($0.item.key, $0.sprint.number) }, uniquingKeysWith: { x, _ in x })
        let after = Dictionary(b.placements.map { ($0.item.key, $0.sprint.number) }, uniquingKeysWith: { x, _ in x })
        func sortedMoves(_ moves: [Move]) -> [Move] {
            moves.sorted { $0.to != $1.to ? $0.to < $1.to : ItemKey.naturalLess($0.key, $1.key) }
        }
        entered = sortedMoves(after.filter { before[$0.key] == nil }.map { Move(key: $0.key, from: 0, to: $0.value) })
        left = sortedMoves(before.filter { after[$0.key] == nil }.map { Move(key: $0.key, from: $0.value, to: 0) })
        moved = sortedMoves(
            after.compactMap { key, to in before[key].flatMap { $0 == to ? nil : Move(key: key, from: $0, to: to) } })
        let numbers = Set(a.sprints.map(\.number) + b.sprints.map(\.number)).sorted()
        sprints = numbers.map { n in
            let x = a.sprints.first { $0.number == n }
            let y = b.sprints.first { $0.number == n }
            return SprintValue(number: n, name: (y ?? x)!.name, before: x?.value, after: y?.value)
        }
    }
}

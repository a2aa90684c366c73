import FirebreakCore
import FirebreakTesting
import Foundation
import Testing

@Suite("Planner (DESIGN §5)")
struct PlannerTests {
    static let asOf = ReportDate.parse("2026-11-28")!

    static func sprint(_ n: Int, capacity: Int) -> Sprint {
        let start = CalendarDate("2026-11-23")!.adding(days: (n - 24) * 14)
        return Sprint(
            number: n, name: "CORE Sprint \(n)", startsOn: start, endsOn: start.adding(days: 13), kind: .improvement,
            reason: .cadence, capacity: Double(capacity), backlogCapacity: capacity)
    }

    static func item(
        _ key: String, value: Double, effort: Double, status: ActionStatus = .open, claimedBy: String? = nil,
        estimated: Bool = true
    ) -> RankedItem {
        RankedItem(
            rank: 0, key: key, title: key, kind: .prevent, status: status, value: value, effort: effort,
            estimated: estimated, priority: value / effort, incidents: [], claimedBy: claimedBy)
    }

    static func plan(_ items: [RankedItem], _ sprints: [Sprint], _ facts: PlanningFacts = PlanningFacts()) -> Plan {
        Planner.plan(team: "CORE", asOf: asOf, ranked: BacklogRanking.order(items), sprints: sprints, facts: facts)
    }

    @Test func knapsackBeatsGreedy() {
        // Greedy by priority takes A (6/3 = 2.0) and then nothing fits; B + C are worth more.
        let plan = Self.plan(
            [
                Self.item("A", value: 6, effort: 3), Self.item("B", value: 5, effort: 2),
                Self.item("C", value: 4, effort: 2),
            ],
            [Self.sprint(24, capacity: 4)])
        #expect(plan.sprints[0].items.map(\.key) == ["B", "C"])
        #expect(plan.sprints[0].value == 9 && plan.sprints[0].used == 4)
        #expect(plan.unplanned.map { "\($0.key) \($0.reason.rawValue)" } == ["A no-capacity"])
    }

    @Test func equalTotalsPreferHigherRankedItems() {
        let plan = Self.plan(
            [
                Self.item("A", value: 4, effort: 2), Self.item("B", value: 2, effort: 1),
                Self.item("C", value: 2, effort: 1),
            ],
            [Self.sprint(24, capacity: 2)])
        #expect(plan.sprints[0].items.map(\.key) == ["A"])  // A ranks above B and C (higher value at equal priority)
    }

    @Test func dependenciesMustBeDoneOrPlacedInAnEarlierSprint() {
        let items = [
            Self.item("A", value: 10, effort: 1), Self.item("B", value: 9, effort: 1),
            Self.item("C", value: 8, effort: 1),
        ]
        let facts = PlanningFacts(dependencies: ["B": ["A"], "C": ["X"]], done: ["X"])
        let plan = Self.plan(items, [Self.sprint(24, capacity: 5), Self.sprint(25, capacity: 5)], facts)
        #expect(plan.sprints[0].items.map(\.key) == ["A", "C"])
        #expect(plan.sprints[1].items.map(\.key) == ["B"])
        let stuck = Self.plan(
            items, [Self.sprint(24, capacity: 5)], PlanningFacts(dependencies: ["B": ["A"], "C": ["Z"]]))
        #expect(stuck.unplanned.map(\.reason) == [.blockedBy, .blockedBy])
        #expect(stuck.unplanned.map(\.blockedBy) == [["A"], ["Z"]])
    }

    @Test func tooBigItemsAreUnplannedWithAWarning() {
        let plan = Self.plan(
            [Self.item("A", value: 100, effort: 21)], [Self.sprint(24, capacity: 13), Self.sprint(25, capacity: 8)])
        #expect(plan.unplanned.map { "\($0.key) \($0.reason.rawValue)" } == ["A too-big"])
        #expect(plan.warnings.map(\.code) == [.tooBig])
        #expect(plan.warnings[0].message == "needs 21 points; no sprint has more than 13 for the backlog: split it")
    }

    @Test func claimedItemsGoFirstEvenOverCapacity() {
        let plan = Self.plan(
            [
                Self.item("A", value: 1, effort: 3, status: .claimed, claimedBy: "amara"),
                Self.item("B", value: 1, effort: 2, status: .claimed, claimedBy: "ben"),
                Self.item("C", value: 50, effort: 1),
            ], [Self.sprint(24, capacity: 4), Self.sprint(25, capacity: 4)])
        #expect(plan.sprints[0].items.map(\.key) == ["B", "A"])  // in rank order: B's priority is higher
        #expect(plan.sprints[0].used == 5)
        #expect(plan.sprints[1].items.map(\.key) == ["C"])
        #expect(plan.warnings.map(\.code) == [.overCapacity])
    }

    @Test func dueDatesAndUnestimatedItemsAreWarned() {
        let facts = PlanningFacts(due: [
            "A": CalendarDate("2026-11-30")!, "B": CalendarDate("2026-12-31")!, "C": CalendarDate("2026-12-01")!,
        ])
        let plan = Self.plan(
            [
                Self.item("A", value: 10, effort: 2), Self.item("B", value: 9, effort: 2, estimated: false),
                Self.item("C", value: 1, effort: 5),
            ],
            [Self.sprint(24, capacity: 5)], facts)
        #expect(plan.unplanned.map { "\($0.key) \($0.reason.rawValue)" } == ["C no-capacity"])
        #expect(
            plan.warnings.map { "\($0.code) \($0.key)" } == ["missed-due-date A", "missed-due-date C", "unestimated B"])
        #expect(plan.warnings[0].message == "due 2026-11-30, planned in CORE Sprint 24 ending 2026-12-06")
    }

    @Test func samePlanForTheSameInputs() {
        let items = (1...40).map { Self.item("ACT-\($0)", value: Double($0 % 7) * 3 + 1, effort: Double($0 % 5 + 1)) }
        let sprints = [Self.sprint(24, capacity: 12), Self.sprint(25, capacity: 4), Self.sprint(26, capacity: 9)]
        #expect(Self.plan(items, sprints) == Self.plan(items.reversed(), sprints))
    }

    /// The optimum of one sprint by trying every subset; ties go to the set with the better-ranked items.
    static func bruteForce(_ items: [RankedItem], capacity: Int) -> Double {
        var best = 0.0
        for mask in 0..<(1 << items.count) {
            var weight = 0
            var value = 0.0
            for (i, item) in items.enumerated() where mask & (1 << i) != 0 {
                weight += Int(item.effort.rounded(.up))
                value += item.value
            }
            if weight <= capacity { best = max(best, value) }
        }
        return best
    }

    @Test func theKnapsackMatchesBruteForceOn500RandomInstances() {
        var random = SeededRandom(seed: 2026)
        var agreed = 0
        for _ in 0..<500 {
            let n = Int.random(in: 1...11, using: &random)
            let items = (0..<n).map { i in
                Self.item(
                    "ACT-\(i)", value: Double(Int.random(in: 0...40, using: &random)) / 2,
                    effort: Double([1, 1, 2, 3, 5, 8].randomElement(using: &random)!))
            }
            let ranked = BacklogRanking.order(items)
            let sprints = (0..<Int.random(in: 1...3, using: &random)).map {
                Self.sprint(24 + $0, capacity: Int.random(in: 0...14, using: &random))
            }
            let plan = Planner.plan(
                team: "CORE", asOf: Self.asOf, ranked: ranked, sprints: sprints, facts: PlanningFacts())
            // Sprint by sprint, each sprint's value must be the optimum over what was still eligible.
            var left = ranked.filter { $0.value > 0 }
            var ok = true
            for (sprint, planned) in zip(sprints, plan.sprints) {
                let eligible = left.filter { Int($0.effort.rounded(.up)) <= sprint.backlogCapacity }
                let optimum = Self.bruteForce(eligible, capacity: sprint.backlogCapacity)
                if abs(planned.value - optimum) > 1e-9 || planned.used > Double(sprint.backlogCapacity) { ok = false }
                let keys = Set(planned.items.map(\.key))
                left.removeAll { keys.contains($0.key) }
            }
            if ok { agreed += 1 }
        }
        #expect(agreed == 500)
    }
}

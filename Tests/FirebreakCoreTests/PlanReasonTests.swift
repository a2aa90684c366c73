import FirebreakCore
import FirebreakTesting
import Foundation
import Testing

/// Reasons (DESIGN §5): each item's code and sentence, checked against what the planner did.
@Suite("Plan reasons (DESIGN §5)")
struct PlanReasonTests {
    typealias P = PlannerTests

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var items: [RankedItem]
        var capacities: [Int]
        var facts: PlanningFacts
        /// Key → reason code, the sprint it is in (nil when unplanned) and the sentence.
        var expected: [String: (PlanReason, Int?, String)]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "claimed", items: [P.item("A", value: 1, effort: 3, status: .claimed, claimedBy: "amara")],
            capacities: [5], facts: PlanningFacts(),
            expected: ["A": (.claimed, 24, "claimed by amara, so pinned to CORE Sprint 24, the current sprint")]),
        Case(
            name: "best fit", items: [P.item("A", value: 5, effort: 2)], capacities: [5], facts: PlanningFacts(),
            expected: ["A": (.bestFit, 24, "best value that fits CORE Sprint 24's 5 backlog points")]),
        Case(
            name: "best fit after higher-value items and a sprint too small",
            items: [P.item("A", value: 9, effort: 3), P.item("B", value: 5, effort: 3)], capacities: [3, 2, 3],
            facts: PlanningFacts(),
            expected: [
                "A": (.bestFit, 24, "best value that fits CORE Sprint 24's 3 backlog points"),
                "B": (
                    .bestFit, 26,
                    "best value that fits CORE Sprint 26's 3 backlog points; CORE Sprint 24 went to items of more "
                        + "value; too big for CORE Sprint 25's 2 backlog points"
                ),
            ]),
        // Issue #15: ACT-56 ranks high and the first sprint has room, but it waits for ACT-55.
        Case(
            name: "after its dependency",
            items: [P.item("ACT-56", value: 80, effort: 8), P.item("ACT-55", value: 10, effort: 8)],
            capacities: [28, 2, 28], facts: PlanningFacts(dependencies: ["ACT-56": ["ACT-55"]]),
            expected: [
                "ACT-55": (.bestFit, 24, "best value that fits CORE Sprint 24's 28 backlog points"),
                "ACT-56": (
                    .bestFit, 26,
                    "best value that fits CORE Sprint 26's 28 backlog points; too big for CORE Sprint 25's 2 backlog points"
                ),
            ]),
        Case(
            name: "after its dependency, the next sprint",
            items: [P.item("ACT-56", value: 80, effort: 8), P.item("ACT-55", value: 10, effort: 8)],
            capacities: [28, 28], facts: PlanningFacts(dependencies: ["ACT-56": ["ACT-55"]]),
            expected: [
                "ACT-55": (.bestFit, 24, "best value that fits CORE Sprint 24's 28 backlog points"),
                "ACT-56": (
                    .afterDependency, 25,
                    "after its dependency ACT-55, planned in CORE Sprint 24; then best value that fits CORE Sprint 25's "
                        + "28 backlog points"
                ),
            ]),
        Case(
            name: "due in the first sprint",
            items: [P.item("A", value: 10, effort: 2), P.item("B", value: 1, effort: 2)], capacities: [2, 2],
            facts: PlanningFacts(due: ["B": CalendarDate("2026-12-01")!]),
            expected: [
                "B": (
                    .dueDate, 24,
                    "due 2026-12-01, before CORE Sprint 24 ends: it goes in ahead of items of more value as soon as it can"
                ),
                "A": (
                    .bestFit, 25,
                    "best value that fits CORE Sprint 25's 2 backlog points; CORE Sprint 24 went to items of more value "
                        + "or due sooner"
                ),
            ]),
        Case(
            name: "overdue before the first sprint starts",
            items: [P.item("A", value: 10, effort: 2), P.item("B", value: 1, effort: 2)], capacities: [2, 2],
            facts: PlanningFacts(due: ["B": CalendarDate("2026-11-02")!]),
            expected: [
                "B": (
                    .dueDate, 24,
                    "overdue since 2026-11-02: it goes in ahead of items of more value as soon as it can"
                ),
                "A": (
                    .bestFit, 25,
                    "best value that fits CORE Sprint 25's 2 backlog points; CORE Sprint 24 went to items of more value "
                        + "or due sooner"
                ),
            ]),
        Case(
            name: "due before the second sprint ends",
            items: [
                P.item("A", value: 10, effort: 2), P.item("B", value: 9, effort: 2), P.item("C", value: 1, effort: 2),
            ],
            capacities: [2, 2, 2], facts: PlanningFacts(due: ["C": CalendarDate("2026-12-10")!]),
            expected: [
                "C": (
                    .dueDate, 24,
                    "due 2026-12-10: CORE Sprint 24 is the last sprint that ends by then, so it goes in ahead of items "
                        + "of more value"
                ),
                "A": (
                    .bestFit, 25,
                    "best value that fits CORE Sprint 25's 2 backlog points; CORE Sprint 24 went to items of more value or due sooner"
                ),
                "B": (
                    .bestFit, 26,
                    "best value that fits CORE Sprint 26's 2 backlog points; sprints 24 and 25 went to items of more value or due sooner"
                ),
            ]),
        Case(
            name: "a due item the best set takes anyway is a best fit",
            items: [P.item("A", value: 10, effort: 2)], capacities: [2],
            facts: PlanningFacts(due: ["A": CalendarDate("2026-12-01")!]),
            expected: ["A": (.bestFit, 24, "best value that fits CORE Sprint 24's 2 backlog points")]),
        Case(
            name: "unplanned",
            items: [
                P.item("BIG", value: 100, effort: 21), P.item("GUESS", value: 90, effort: 21, estimated: false),
                P.item("A", value: 50, effort: 5), P.item("B", value: 1, effort: 5), P.item("C", value: 40, effort: 1),
                P.item("D", value: 30, effort: 1), P.item("Z", value: 0, effort: 1),
            ],
            capacities: [5, 5],
            facts: PlanningFacts(dependencies: ["C": ["A"], "D": ["GONE"]]),
            expected: [
                "BIG": (.tooBig, nil, "needs 21 points; no sprint has more than 5 for the backlog: split it"),
                "GUESS": (
                    .notEstimated, nil,
                    "no estimate: counted at the team default of 21 points, more than any sprint has for the backlog "
                        + "(5): estimate it"
                ),
                "A": (.bestFit, 24, "best value that fits CORE Sprint 24's 5 backlog points"),
                "B": (
                    .noCapacity, nil, "it fits (5 points), but each sprint it could go in went to items of more value"
                ),
                "C": (
                    .afterDependency, 25,
                    "after its dependency A, planned in CORE Sprint 24; then best value that fits CORE Sprint 25's 5 "
                        + "backlog points"
                ),
                "D": (.blockedBy, nil, "waits for GONE, which will not be done"),
                "Z": (.noValue, nil, "addresses no outage cost, so there is no value to plan it for"),
            ]),
        Case(
            name: "blocked by a dependency in the last sprint or unplanned",
            items: [
                P.item("A", value: 50, effort: 5), P.item("B", value: 40, effort: 5), P.item("C", value: 30, effort: 1),
                P.item("D", value: 1, effort: 5), P.item("E", value: 30, effort: 1),
            ],
            capacities: [5, 5], facts: PlanningFacts(dependencies: ["C": ["B"], "E": ["D"]]),
            expected: [
                "B": (
                    .bestFit, 25,
                    "best value that fits CORE Sprint 25's 5 backlog points; CORE Sprint 24 went to items of more value"
                ),
                "C": (.blockedBy, nil, "waits for B, planned in CORE Sprint 25, the plan's last sprint"),
                "D": (
                    .noCapacity, nil, "it fits (5 points), but each sprint it could go in went to items of more value"
                ),
                "E": (.blockedBy, nil, "waits for D, which is not planned"),
            ]),
    ]

    @Test(arguments: cases)
    func eachItemSaysWhy(_ c: Case) throws {
        let plan = P.plan(c.items, c.capacities.enumerated().map { P.sprint(24 + $0, capacity: $1) }, c.facts)
        for (key, (reason, sprint, text)) in c.expected {
            if let sprint {
                let placement = try #require(plan.placements.first { $0.item.key == key }, "\(key) is not planned")
                #expect(placement.sprint.number == sprint, "\(key)")
                #expect(placement.item.reason == reason, "\(key)")
                #expect(placement.item.reasonText == text, "\(key)")
            } else {
                let item = try #require(plan.unplanned.first { $0.key == key }, "\(key) is planned")
                #expect(item.reason == reason, "\(key)")
                #expect(item.reasonText == text, "\(key)")
            }
        }
    }

    @Test func anAfterDependencyItemNamesItsDependencyAndItsSprint() {
        let plan = P.plan(
            [P.item("ACT-56", value: 80, effort: 8), P.item("ACT-55", value: 10, effort: 8)],
            [P.sprint(24, capacity: 28), P.sprint(25, capacity: 28)],
            PlanningFacts(dependencies: ["ACT-56": ["ACT-55"]]))
        let item = plan.sprints[1].items[0]
        #expect(item.key == "ACT-56" && item.dependency == "ACT-55" && item.dependencySprint == 24)
    }

    /// Random plans: every item's code must agree with where the planner put it and why, and over
    /// the lot every code must appear.
    @Test func generatedPlansGiveReasonsThatMatchWhatThePlannerDid() {
        var random = SeededRandom(seed: 15)
        var seen: Set<PlanReason> = []
        for _ in 0..<300 {
            let n = Int.random(in: 2...14, using: &random)
            let items = (0..<n).map { i in
                P.item(
                    "ACT-\(i)", value: Double(Int.random(in: 0...30, using: &random)),
                    effort: Double([1, 2, 3, 5, 8, 13, 21].randomElement(using: &random)!),
                    status: Int.random(in: 0..<12, using: &random) == 0 ? .claimed : .open,
                    claimedBy: nil, estimated: Bool.random(using: &random))
            }.map { item -> RankedItem in
                var item = item
                if item.status == .claimed { item.claimedBy = "amara" }
                return item
            }
            var facts = PlanningFacts()
            for i in 0..<n where Int.random(in: 0..<3, using: &random) == 0 {
                facts.dependencies["ACT-\(i)"] = ["ACT-\(Int.random(in: 0..<(n + 1), using: &random))"]
                    .filter { $0 != "ACT-\(i)" }
            }
            for i in 0..<n where Int.random(in: 0..<4, using: &random) == 0 {
                facts.due["ACT-\(i)"] = CalendarDate("2026-11-23")!.adding(days: Int.random(in: 0...60, using: &random))
            }
            let sprints = (0..<Int.random(in: 1...4, using: &random)).map {
                P.sprint(24 + $0, capacity: Int.random(in: 0...16, using: &random))
            }
            let plan = P.plan(items, sprints, facts)
            let sprintOf = Dictionary(uniqueKeysWithValues: plan.placements.map { ($0.item.key, $0.sprint.number) })
            let byKey = Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0) })
            let largest = sprints.map(\.backlogCapacity).max() ?? 0
            for (sprint, item) in plan.placements {
                let reason = item.reason!
                seen.insert(reason)
                #expect(reason.placesItem)
                let deps = facts.dependencies[item.key] ?? []
                let latest = deps.compactMap { sprintOf[$0] }.max()
                switch reason {
                case .claimed:
                    #expect(item.claimedBy != nil && sprint.number == sprints[0].number)
                case .afterDependency:
                    #expect(deps.contains(item.dependency!) && sprintOf[item.dependency!] == item.dependencySprint)
                    #expect(item.dependencySprint == sprint.number - 1 && latest == sprint.number - 1)
                case .dueDate:
                    let due = facts.due[item.key]!
                    // In the last sprint that ends by its due date, or later when it did not fit there.
                    let lastChance =
                        sprints.lastIndex { $0.endsOn <= due }.map { sprints[$0].number } ?? sprints[0].number
                    #expect(sprint.number >= lastChance)
                case .bestFit:
                    #expect(item.claimedBy == nil)
                    #expect(latest.map { $0 < sprint.number - 1 } ?? true, "a dependency in the sprint before")
                default:
                    Issue.record("\(item.key) placed with \(reason)")
                }
            }
            for item in plan.unplanned {
                seen.insert(item.reason)
                let ranked = byKey[item.key]!
                let weight = Int(ranked.effort.rounded(.up))
                switch item.reason {
                case .noValue: #expect(ranked.value <= 0)
                case .tooBig: #expect(weight > largest && ranked.estimated)
                case .notEstimated: #expect(weight > largest && !ranked.estimated)
                case .blockedBy:
                    #expect(weight <= largest)
                    for dep in item.blockedBy ?? [] {
                        #expect(sprintOf[dep] == nil || sprintOf[dep] == sprints.last!.number)
                    }
                case .noCapacity:
                    #expect(weight <= largest && ranked.value > 0)
                    for dep in facts.dependencies[item.key] ?? [] {
                        #expect(sprintOf[dep].map { $0 < sprints.last!.number } == true)
                    }
                default: Issue.record("\(item.key) unplanned with \(item.reason)")
                }
            }
        }
        #expect(seen == Set(PlanReason.allCases))
    }

    /// The sentences worded once and shared are the sentences worded each time: for every reason,
    /// efforts that come back after others, and blocked items waiting for different keys.
    @Test func sentencesWordedOnceAreTheSentencesWordedEachTime() {
        let sprints = Planner.plan(
            team: "CORE", asOf: P.asOf, ranked: [P.item("ACT-1", value: 4, effort: 2)],
            sprints: [P.sprint(24, capacity: 5), P.sprint(25, capacity: 8)], facts: PlanningFacts()
        ).sprints
        #expect(sprints.last?.items.isEmpty == true)
        let context = PlanReason.Context(sprints: sprints, unplanned: ["ACT-2"])
        var sentences = PlanReason.Sentences(context: context)
        let waits: [[String]?] = [["ACT-1"], ["ACT-2"], nil, ["ACT-3", "ACT-1"]]
        for effort in [1.0, 2.5, 13, 1, 2.5, 40] {
            for reason in PlanReason.allCases {
                for blockedBy in reason == .blockedBy ? waits : [nil] {
                    let once = sentences.unplanned(reason, effort: effort, blockedBy: blockedBy)
                    let each = reason.unplannedText(effort: effort, blockedBy: blockedBy, context: context)
                    #expect(once == each, "\(reason) \(effort) \(blockedBy ?? [])")
                }
            }
        }
    }
}

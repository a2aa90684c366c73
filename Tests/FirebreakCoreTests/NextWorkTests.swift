import Foundation
import Testing

@testable import FirebreakCore

/// `firebreak next` (#15): what an engineer holds, then the best unclaimed items of the current sprint
/// of the latest plan that fit their WIP slots and capacity, in backlog rank order.
@Suite("Next work")
struct NextWorkTests {
    static let asOf = ReportDate.parse("2026-11-25")!

    /// The backlog, ranked: priorities 50, 40, 30, 20, 10, 5 (value = priority × effort).
    static let ranked: [RankedItem] = [
        item(1, "ACT-1", effort: 2, priority: 50, claimedBy: "bob"),
        item(2, "ACT-2", effort: 3, priority: 40),
        item(3, "ACT-3", effort: 5, priority: 30),
        item(4, "ACT-4", effort: 1, priority: 20),
        item(5, "ACT-5", effort: 2, priority: 10, claimedBy: "alice"),
        item(6, "ACT-6", effort: 1, priority: 5),
    ]

    static func item(
        _ rank: Int, _ key: String, effort: Double, priority: Double, claimedBy: String? = nil
    )
        -> RankedItem
    {
        RankedItem(
            rank: rank, key: key, title: "Item \(key)", kind: .prevent, status: claimedBy == nil ? .open : .claimed,
            value: priority * effort, effort: effort, estimated: true, priority: priority, incidents: ["INC-1"],
            claimedBy: claimedBy)
    }

    static func sprint(_ number: Int, starts: String, keys: [String]) -> PlannedSprint {
        let start = CalendarDate(starts)!
        let sprint = Sprint(
            number: number, name: "CORE Sprint \(number)", startsOn: start, endsOn: start.adding(days: 13),
            kind: .improvement, reason: .cadence, capacity: 16, backlogCapacity: 16)
        return PlannedSprint(
            sprint,
            items: ranked.filter { keys.contains($0.key) }.map {
                PlanItem(
                    key: $0.key, title: $0.title, effort: $0.effort, estimated: true, value: $0.value,
                    priority: $0.priority, rank: $0.rank, claimedBy: $0.claimedBy)
            })
    }

    /// Sprint 24 (2026-11-23 to 12-06) holds every item but ACT-6; sprint 25 holds ACT-6.
    static let plan = Plan(
        team: "CORE", number: 7, asOf: ReportDate.parse("2026-11-23")!,
        sprints: [
            sprint(24, starts: "2026-11-23", keys: ["ACT-1", "ACT-2", "ACT-3", "ACT-4", "ACT-5"]),
            sprint(25, starts: "2026-12-07", keys: ["ACT-6"]),
        ], unplanned: [], warnings: [])

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var wip = 3
        var capacity = 8.0
        var plan: Plan? = NextWorkTests.plan
        var asOf = NextWorkTests.asOf
        var claimed: [String]
        var suggested: [String]
        var remaining: Double
        var sprint: Int?
        var note: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // alice holds ACT-5 (2 of 8): 6 points and 2 slots left. ACT-1 is bob's; ACT-2 (3) fits, ACT-3 (5)
        // no longer does, ACT-4 (1) does; ACT-6 is in the next sprint.
        Case(
            name: "rank order, fit, others' claims", claimed: ["ACT-5"], suggested: ["ACT-2", "ACT-4"], remaining: 6,
            sprint: 24),
        // One WIP slot left: only the best that fits.
        Case(name: "WIP slots", wip: 2, claimed: ["ACT-5"], suggested: ["ACT-2"], remaining: 6, sprint: 24),
        // A bigger capacity takes ACT-3 after ACT-2 (3 + 5 ≤ 8), and the slots are full.
        Case(
            name: "capacity", capacity: 10, claimed: ["ACT-5"], suggested: ["ACT-2", "ACT-3"], remaining: 8,
            sprint: 24),
        Case(
            name: "at the WIP limit", wip: 1, claimed: ["ACT-5"], suggested: [], remaining: 6, sprint: 24,
            note: "alice holds 1 of the WIP limit of 1; finish or release one first (`firebreak done KEY --as alice`)"),
        Case(
            name: "nothing fits", capacity: 2.5, claimed: ["ACT-5"], suggested: [], remaining: 0.5, sprint: 24,
            note: "none of the 3 unclaimed items of CORE Sprint 24 fits the 0.5 points alice has left"),
        Case(
            name: "no plan", plan: nil, claimed: ["ACT-5"], suggested: [], remaining: 6,
            note: "team CORE has no plan yet; a manager runs `firebreak plan --team CORE`"),
        // On sprint 25's first day, its one item.
        Case(
            name: "the next sprint", asOf: ReportDate.parse("2026-12-07")!, claimed: ["ACT-5"], suggested: ["ACT-6"],
            remaining: 6, sprint: 25),
        Case(
            name: "every sprint over", asOf: ReportDate.parse("2026-12-21")!, claimed: ["ACT-5"], suggested: [],
            remaining: 6,
            note: "every sprint of plan 7 is over; a manager runs `firebreak plan --team CORE`"),
    ]

    @Test(arguments: cases) func next(_ c: Case) {
        let team = Team(key: "CORE", name: "Core", wipLimit: c.wip)
        let alice = Engineer(handle: "alice", displayName: "Alice", team: "CORE", capacity: c.capacity)
        let next = NextWork(team: team, engineer: alice, ranked: Self.ranked, plan: c.plan, asOf: c.asOf)
        #expect(next.claimed.map(\.key) == c.claimed)
        #expect(next.suggestions.map(\.key) == c.suggested)
        #expect(next.remainingCapacity == c.remaining)
        #expect(next.sprint?.number == c.sprint)
        #expect(next.note == c.note)
        #expect(next.claimed.allSatisfy { $0.claimCommand == nil })
        #expect(next.suggestions.map(\.claimCommand) == c.suggested.map { "firebreak claim \($0) --as alice" })
    }
}

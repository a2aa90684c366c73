import FirebreakCore
import Foundation
import Testing

@Suite("Plan diff")
struct PlanDiffTests {
    typealias P = PlannerTests

    static func plan(_ number: Int, efforts: [Double], values: [Double] = [9, 8, 7, 6]) -> Plan {
        let items = zip(efforts, values).enumerated().map { i, pair in
            P.item("ACT-\(i + 1)", value: pair.1, effort: pair.0)
        }
        var plan = P.plan(items, [P.sprint(24, capacity: 10), P.sprint(25, capacity: 20)])
        plan.number = number
        return plan
    }

    /// Issue #15: two estimates went from 5 to 13 and the diff said "Entered: 0 / Left: 0 / Moved: 0".
    @Test func twoPlansThatDifferOnlyInEstimates() throws {
        let before = Self.plan(1, efforts: [5, 5, 3, 2])
        let after = Self.plan(2, efforts: [13, 5, 13, 2])
        let diff = PlanDiff(before, after)
        #expect(!diff.isEmpty)
        #expect(diff.changed.map(\.key) == ["ACT-1", "ACT-3"])
        #expect(diff.changed.map(\.effortBefore) == [5, 3] && diff.changed.map(\.effortAfter) == [13, 13])
        #expect(diff.changed.allSatisfy { $0.valueBefore == $0.valueAfter })
        // ACT-1 no longer fits sprint 24's 10 points: it moves, and the diff says why it is where it is now.
        let move = try #require(diff.moved.first { $0.key == "ACT-1" })
        #expect(move.from == 24 && move.to == 25 && move.reason == .bestFit)
        #expect(move.reasonText?.hasPrefix("best value that fits CORE Sprint 25's 20 backlog points") == true)
        let sprint24 = try #require(diff.sprints.first { $0.number == 24 })
        #expect(sprint24.before?.used == 10 && sprint24.after?.used != 10)
        #expect(sprint24.before?.capacity == 10 && sprint24.after?.backlogCapacity == 10)
    }

    @Test func aPlanAgainstItselfIsEmpty() {
        let plan = Self.plan(1, efforts: [5, 5, 3, 2])
        #expect(PlanDiff(plan, plan).isEmpty)
    }

    @Test func valueChangesAreReported() {
        let diff = PlanDiff(
            Self.plan(1, efforts: [1, 1, 1, 1]), Self.plan(2, efforts: [1, 1, 1, 1], values: [9, 8, 7, 60]))
        #expect(diff.changed.map(\.key) == ["ACT-4"])
        #expect(diff.changed[0].valueBefore == 6 && diff.changed[0].valueAfter == 60)
        #expect(diff.moved.isEmpty && diff.entered.isEmpty && diff.left.isEmpty)
    }
}

import FirebreakCore
import Foundation
import Testing

@Suite("Sprint calendar (DESIGN §5)")
struct SprintCalendarTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    static func team(length: Int = 14, every: Int = 4, share: Double = 10) -> Team {
        Team(
            key: "CORE", name: "Core",
            cadence: Cadence(
                sprintLengthDays: length, sprintOneStarts: day("2026-01-05"), improvementEvery: every,
                backlogShare: share))
    }

    static let five = ["a", "b", "c", "d", "e"].map { Engineer(handle: $0, displayName: $0, team: "CORE") }

    @Test(arguments: [
        ("2026-01-05", 1), ("2026-01-18", 1), ("2026-01-19", 2), ("2026-11-22", 23), ("2026-11-23", 24),
        ("2026-11-28", 24), ("2026-12-06", 24), ("2026-12-07", 25), ("2025-12-31", 1),
    ])
    func sprintBoundaries(dayText: String, number: Int) {
        let calendar = SprintCalendar(team: Self.team(), engineers: Self.five)
        #expect(calendar.sprintNumber(containing: Self.day(dayText)) == number)
    }

    @Test func sprintTwentyFourIsTheDesignExample() {
        let sprint = SprintCalendar(team: Self.team(), engineers: Self.five).sprint(24)
        #expect(sprint.name == "CORE Sprint 24")
        #expect(sprint.startsOn == Self.day("2026-11-23") && sprint.endsOn == Self.day("2026-12-06"))
        #expect(sprint.kind == .improvement && sprint.reason == .cadence)
        #expect(sprint.capacity == 40 && sprint.backlogCapacity == 40)
    }

    @Test(arguments: [
        (7, 3, "2026-01-19", "2026-01-25"), (10, 2, "2026-01-15", "2026-01-24"), (1, 5, "2026-01-09", "2026-01-09"),
    ])
    func otherSprintLengths(length: Int, number: Int, starts: String, ends: String) {
        let sprint = SprintCalendar(team: Self.team(length: length), engineers: Self.five).sprint(number)
        #expect(sprint.startsOn == Self.day(starts) && sprint.endsOn == Self.day(ends))
    }

    @Test func featureSprintsKeepTheirShareRoundedDown() {
        let calendar = SprintCalendar(team: Self.team(share: 12), engineers: Self.five)
        let sprint = calendar.sprint(25)
        #expect(sprint.kind == .feature && sprint.reason == nil)
        #expect(sprint.backlogCapacity == 4)  // 12% of 40 = 4.8
    }

    @Test func everyZeroTurnsImprovementSprintsOff() {
        let calendar = SprintCalendar(team: Self.team(every: 0), engineers: Self.five)
        #expect((1...12).map { calendar.sprint($0).kind }.allSatisfy { $0 == .feature })
    }

    @Test(arguments: [
        // Four engineers at 8 points keep 32; engineer b's 8 points shrink with the working days off.
        // Off Friday to Monday: the weekend is not counted, so 2 of 10 working days.
        ("2026-11-27", "2026-11-30", 38.4),
        // Across the sprint's start: only Monday 23 and Tuesday 24 fall in it.
        ("2026-11-18", "2026-11-24", 38.4),
        // A weekend only: nothing lost.
        ("2026-11-28", "2026-11-29", 40.0),
        // Past the sprint's end: Friday 4 December is the last working day off.
        ("2026-12-04", "2026-12-20", 39.2),
        // The whole sprint.
        ("2026-11-20", "2026-12-10", 32.0),
    ])
    func timeOffAcrossWeekendsAndSprintEdges(from: String, to: String, capacity: Double) {
        let off = [TimeOff(handle: "b", from: Self.day(from), to: Self.day(to))]
        let sprint = SprintCalendar(team: Self.team(), engineers: Self.five, timeOff: off).sprint(24)
        #expect(abs(sprint.capacity - capacity) < 1e-9, "\(sprint.capacity)")
    }

    @Test func spentErrorBudgetMakesTheNextSprintAnImprovementSprint() {
        var team = Self.team(every: 0)
        team.cadence.budgetCost = 100
        team.cadence.budgetDays = 14
        let costs = [(started: Self.day("2026-11-20"), cost: 60.0), (started: Self.day("2026-11-12"), cost: 50.0)]
        let calendar = SprintCalendar(team: team, engineers: Self.five, incidentCosts: costs)
        let sprint = calendar.sprint(24)  // window 2026-11-09 ..< 2026-11-23 holds both: 110 > 100
        #expect(sprint.kind == .improvement && sprint.reason == .budget && sprint.backlogCapacity == 40)
        #expect(calendar.sprint(25).kind == .feature)  // window 2026-11-23 ..< 2026-12-07 holds neither
        team.cadence.budgetCost = 110
        #expect(SprintCalendar(team: team, engineers: Self.five, incidentCosts: costs).sprint(24).kind == .feature)
    }
}

/// The sprint that holds the as-of date counts only the working days from it on (issue #15).
@Suite("Sprint calendar: the current sprint from the as-of date")
struct SprintProrationTests {
    typealias S = SprintCalendarTests

    @Test(arguments: [
        // Sprint 24 runs Monday 23 November to Sunday 6 December: 10 working days, 5 engineers at 8 points.
        ("2026-11-23", nil, 40.0, 40),  // its first day: all 10
        ("2026-11-28", nil, 20.0, 20),  // a Saturday: Monday 30 to Friday 4, 5 of 10
        ("2026-12-03", nil, 8.0, 8),  // Thursday: Thursday and Friday, 2 of 10
        ("2026-12-06", nil, 0.0, 0),  // its last day, a Sunday: nothing left
        // b is off on Friday 4 December: b has 4 of 10 days left, the others 5: 4 × 4 + 3.2.
        ("2026-11-28", "2026-12-04", 19.2, 19),
        // b's time off before the as-of date takes nothing more.
        ("2026-12-03", "2026-11-24", 8.0, 8),
    ])
    func theCurrentSprintCountsTheWorkingDaysLeft(asOf: String, off: String?, capacity: Double, backlog: Int) {
        let timeOff = off.map { [TimeOff(handle: "b", from: S.day($0), to: S.day($0))] } ?? []
        let calendar = SprintCalendar(team: S.team(), engineers: S.five, timeOff: timeOff)
        let sprints = calendar.sprints(from: S.day(asOf), count: 2)
        #expect(sprints.map(\.number) == [24, 25])
        #expect(abs(sprints[0].capacity - capacity) < 1e-9, "\(sprints[0].capacity)")
        #expect(sprints[0].backlogCapacity == backlog)
        // The rest of the calendar is unchanged: sprint 25 is whole.
        #expect(sprints[1] == calendar.sprint(25))
        #expect(sprints[0].startsOn == S.day("2026-11-23") && sprints[0].endsOn == S.day("2026-12-06"))
    }
}

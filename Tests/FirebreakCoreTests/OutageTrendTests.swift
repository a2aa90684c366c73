import Foundation
import Testing

@testable import FirebreakCore

/// `report trend` (#15): cost month by month (UTC), the improvement sprints of each month, and planned
/// against done per sprint that is over, computed by hand below.
@Suite("Outage trend")
struct OutageTrendTests {
    static let asOf = ReportDate.parse("2026-04-10")!

    /// Sprints of 14 days from Monday 2026-01-05, every second an improvement sprint: 2 starts 01-19,
    /// 4 starts 02-16, 6 starts 03-16, 8 starts 04-13 (after the as-of date).
    static let calendar = SprintCalendar(
        team: Team(
            key: "CORE", name: "Core",
            cadence: Cadence(sprintLengthDays: 14, sprintOneStarts: CalendarDate("2026-01-05")!, improvementEvery: 2)),
        engineers: [Engineer(handle: "alice", displayName: "Alice", team: "CORE")])

    static let incidents = [
        // 100 min × 0.5 + 2 × 10 tickets = 70, the last minute of January in UTC.
        IncidentFacts(
            key: "INC-1", startedAt: ReportDate.parse("2026-01-31T23:59:00Z"), outageMinutes: 100, severity: .sev2,
            detectedBy: .alert, tickets: 10),
        // (60 × 1 + 2 × 4) × 1.5 = 102: February 28th in New York is March 1st in UTC.
        IncidentFacts(
            key: "INC-2", startedAt: ReportDate.parse("2026-02-28T23:30:00-05:00"), outageMinutes: 60,
            severity: .sev1, detectedBy: .customer, tickets: 4),
        // 30 × 0.25 = 7.5.
        IncidentFacts(
            key: "INC-3", startedAt: ReportDate.parse("2026-03-15T12:00:00Z"), outageMinutes: 30, severity: .sev3,
            detectedBy: .staff, tickets: 0),
        // A draft with no start, and an incident after the as-of date: neither counts.
        IncidentFacts(
            key: "INC-4", startedAt: nil, outageMinutes: 500, severity: .sev1, detectedBy: .alert, tickets: 9),
        IncidentFacts(
            key: "INC-5", startedAt: ReportDate.parse("2026-04-11"), outageMinutes: 500, severity: .sev1,
            detectedBy: .alert, tickets: 9),
    ]

    struct Row: Equatable, CustomStringConvertible {
        var month: String
        var incidents: Int
        var minutes: Int
        var tickets: Int
        var cost: Double
        var sprints: [String]
        var description: String { "\(month) \(incidents) \(minutes) \(tickets) \(cost) \(sprints)" }
    }

    @Test func monthsInUTCWithTheEmptyOnesAndTheirImprovementSprints() {
        let trend = OutageTrend(
            incidents: Self.incidents, calendar: Self.calendar, plans: [], doneAt: [:], asOf: Self.asOf)
        let rows = trend.months.map {
            Row(
                month: $0.month, incidents: $0.incidents, minutes: $0.outageMinutes, tickets: $0.tickets, cost: $0.cost,
                sprints: $0.improvementSprints)
        }
        #expect(
            rows == [
                Row(month: "2026-01", incidents: 1, minutes: 100, tickets: 10, cost: 70, sprints: ["CORE Sprint 2"]),
                Row(month: "2026-02", incidents: 0, minutes: 0, tickets: 0, cost: 0, sprints: ["CORE Sprint 4"]),
                Row(month: "2026-03", incidents: 2, minutes: 90, tickets: 4, cost: 109.5, sprints: ["CORE Sprint 6"]),
                Row(month: "2026-04", incidents: 0, minutes: 0, tickets: 0, cost: 0, sprints: []),
            ])
        #expect(trend.sprints.isEmpty)
    }

    @Test func noIncidentsAndNoPlansIsNoRows() {
        let trend = OutageTrend(incidents: [], calendar: Self.calendar, plans: [], doneAt: [:], asOf: Self.asOf)
        #expect(trend.months.isEmpty && trend.sprints.isEmpty)
    }

    static func item(_ key: String, effort: Double) -> PlanItem {
        PlanItem(key: key, title: key, effort: effort, estimated: true, value: 10, priority: 10 / effort, rank: 1)
    }

    /// Plan 1 places ACT-1 (2), ACT-2 (3) and ACT-3 (5) in sprint 6 (03-16 to 03-29) and ACT-4 in sprint 7
    /// (03-30 to 04-12, not over on 04-10). ACT-1 is done on the sprint's last second, ACT-2 a second
    /// later, ACT-3 not at all.
    @Test func plannedAgainstDoneByTheSprintsEnd() {
        let sprints = [6, 7].map { Self.calendar.sprint($0) }
        let plan = Plan(
            team: "CORE", number: 1, asOf: ReportDate.parse("2026-03-16")!,
            sprints: [
                PlannedSprint(
                    sprints[0],
                    items: [
                        Self.item("ACT-1", effort: 2), Self.item("ACT-2", effort: 3), Self.item("ACT-3", effort: 5),
                    ]),
                PlannedSprint(sprints[1], items: [Self.item("ACT-4", effort: 1)]),
            ], unplanned: [], warnings: [])
        let doneAt = [
            "ACT-1": ReportDate.parse("2026-03-29T23:59:59Z")!, "ACT-2": ReportDate.parse("2026-03-30T00:00:00Z")!,
            "ACT-4": ReportDate.parse("2026-04-01")!,
        ]
        let trend = OutageTrend(
            incidents: Self.incidents, calendar: Self.calendar, plans: [plan], doneAt: doneAt, asOf: Self.asOf)
        #expect(trend.sprints.count == 1)
        let s = try? #require(trend.sprints.first)
        #expect(s?.plan == 1 && s?.sprint == 6 && s?.kind == .improvement)
        #expect(s?.planned == 3 && s?.plannedEffort == 10)
        #expect(s?.done == 1 && s?.doneEffort == 2 && s?.doneShare == 0.2)
        #expect(s?.notDone == ["ACT-2", "ACT-3"])
    }
}

import FirebreakCore
import Foundation

/// A small plan, its outage categories and its backlog, for the HTML and iCalendar export tests.
enum ExportFixtures {
    static let asOf = ReportDate.parse("2026-11-28")!
    static let hostile = "<script>alert(\"x\")</script> & co"
    static let punctuated = "Split deploy, add canary; roll back\\retry\nsecond line"

    /// Sprint `number` of the CORE calendar: 14 days, sprint 24 starting on 2026-11-23.
    static func sprint(
        _ number: Int, kind: Sprint.Kind, reason: Sprint.Reason? = nil, capacity: Double, backlog: Int
    )
        -> Sprint
    {
        let start = CalendarDate("2026-11-23")!.adding(days: (number - 24) * 14)
        return Sprint(
            number: number, name: "CORE Sprint \(number)", startsOn: start, endsOn: start.adding(days: 13), kind: kind,
            reason: reason, capacity: capacity, backlogCapacity: backlog)
    }

    static func item(
        _ key: String, _ title: String, value: Double, effort: Double, estimated: Bool = true, claimedBy: String? = nil
    ) -> RankedItem {
        RankedItem(
            rank: 0, key: key, title: title, kind: .prevent, status: claimedBy == nil ? .open : .claimed, value: value,
            effort: effort, estimated: estimated, priority: value / effort, incidents: ["INC-7", "INC-9"],
            claimedBy: claimedBy)
    }

    /// The ranked backlog: a hostile title, one with iCalendar's special characters, one too big to plan.
    static let backlog = BacklogRanking.order([
        item("ACT-1", "Alert on the 502 rate per route", value: 812.5, effort: 2),
        item("ACT-2", hostile, value: 400, effort: 3, estimated: false),
        item("ACT-3", punctuated, value: 300, effort: 2),
        item("ACT-4", "Rewrite the booking service", value: 900, effort: 60),
        item("ACT-5", "Pin the ORM version", value: 120, effort: 1, claimedBy: "alice"),
        item("ACT-6", "Load-test the search API", value: 250, effort: 30),
        item("ACT-7", "Runbook for the payment provider", value: 80, effort: 3),
    ])

    /// CORE plan 3 as of 2026-11-28: improvement sprint 24, feature sprints 25 and 26 (which ends in 2027).
    static let plan: Plan = {
        var plan = Planner.plan(
            team: "CORE", asOf: asOf, ranked: backlog,
            sprints: [
                sprint(24, kind: .improvement, reason: .cadence, capacity: 38.4, backlog: 38),
                sprint(25, kind: .feature, capacity: 40, backlog: 4),
                sprint(26, kind: .feature, capacity: 36, backlog: 3),
            ],
            facts: PlanningFacts())
        plan.number = 3
        return plan
    }()

    /// Three incidents; one category name is hostile.
    static let incidents = [
        IncidentFacts(
            key: "INC-7", startedAt: ReportDate.parse("2026-10-05"), outageMinutes: 95, severity: .sev1,
            detectedBy: .customer, tickets: 40, categories: ["monitoring", "deploy"]),
        IncidentFacts(
            key: "INC-9", startedAt: ReportDate.parse("2026-11-02"), outageMinutes: 30, severity: .sev2,
            detectedBy: .alert, tickets: 5, categories: ["capacity"]),
        IncidentFacts(
            key: "INC-11", startedAt: ReportDate.parse("2026-11-20"), outageMinutes: 10, severity: .sev3,
            detectedBy: .staff, tickets: 0, categories: [hostile]),
    ]

    /// Outage cost by category.
    static let categories = OutageCostReport.categories(incidents, weights: ScoringWeights(), asOf: asOf)

    /// The CORE calendar (sprint 24 starts on 2026-11-23; every fourth is an improvement sprint).
    static let calendar = SprintCalendar(
        team: Team(key: "CORE", name: "Core"),
        engineers: [Engineer(handle: "alice", displayName: "Alice", team: "CORE")])

    /// Outage cost by month: October and November 2026.
    static let trend = OutageTrend(incidents: incidents, calendar: calendar, plans: [], doneAt: [:], asOf: asOf)
}

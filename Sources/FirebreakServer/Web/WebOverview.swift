import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// The manager's overview, charts before tables: outage cost, minutes and tickets by month with the
/// improvement sprints shaded, the weakness-category Pareto (the HTML export's SVG, from its code),
/// the lint gaps each with a link to fix it, and the current sprint.
enum WebOverview {
    /// How many months the trend charts show, the current one last.
    static let months = 18

    struct Chart {
        var label: String
        var svg: String
    }

    struct Gap {
        var code: String
        var key: String
        var message: String
        var href: String
    }

    struct Current {
        var name: String
        var kind: String
        var dates: String
        var capacity: String
        var used: String
        var claimed: String
        var done: String
        var rest: String
        var planHref: String
    }

    struct View {
        var team: String
        var teams: [WebBacklog.TeamOption]
        var trendCharts: [Chart]
        var paretoChart: String
        var monthsShown: String
        var gaps: [Gap]
        var gapCount: String
        var current: Current?
        var noCurrent: String
    }

    static func page(
        _ request: Request, _ operations: LocalOperations<BackendRunner>, session: WebSession
    ) async throws -> Response {
        let (team, teams) = try await WebPlan.team(request, operations)
        let now = Date()
        // The page's three reads do not depend on each other: they run at once, each on its own
        // connection, so the page waits for the longest instead of the sum.
        async let trendRead = operations.trend(team: team, asOf: now)
        async let overviewRead = operations.overview(team: team, asOf: now)
        async let planRead = Self.latestPlan(team, operations)
        let (trend, overview, plan) = try await (trendRead, overviewRead, planRead)
        let shown = Array(trend.months.suffix(months))
        let (categories, findings, statuses) = (overview.categories, overview.findings, overview.statuses)
        let current = plan.flatMap { plan in
            SprintProgress.current(in: plan, on: CalendarDate(containing: now)).map { sprint in
                let progress = SprintProgress(sprint, statuses: statuses)
                func items(_ count: Int, _ effort: Double) -> String {
                    "\(NumberText.counted(count, "item")), \(NumberText.plain(effort)) pt"
                }
                return Current(
                    name: sprint.name, kind: "\(sprint.kind)", dates: "\(sprint.startsOn) to \(sprint.endsOn)",
                    capacity: "\(progress.capacity) pt", used: "\(NumberText.plain(progress.used)) pt",
                    claimed: items(progress.claimed, progress.claimedEffort),
                    done: items(progress.done, progress.doneEffort), rest: NumberText.counted(progress.rest, "item"),
                    planHref: "/plan?team=\(WebSignIn.encoded(team))&plan=\(plan.number)")
            }
        }
        let view = View(
            team: team, teams: WebPlan.teamOptions(teams, team),
            trendCharts: HTMLReport.MonthlyMeasure.allCases.map {
                Chart(label: $0.title, svg: HTMLReport.monthlyChartSVG(shown, measure: $0))
            },
            paretoChart: HTMLReport.categoryChartSVG(categories),
            monthsShown: shown.isEmpty ? "" : "\(shown.first!.month) to \(shown.last!.month), UTC",
            gaps: findings.map { finding in
                Gap(
                    code: finding.code.rawValue, key: finding.key, message: finding.message,
                    href: statuses[finding.key] != nil
                        ? "/backlog/\(WebSignIn.encoded(finding.key))" : "/incidents/\(WebSignIn.encoded(finding.key))")
            },
            gapCount: "\(findings.count)", current: current,
            noCurrent: plan == nil
                ? "No plan is stored for \(team) yet." : "The latest plan does not cover today: make a new one.")
        return WebPage.render("overview", view, title: "Overview", session: session, current: "/overview")
    }

    /// The team's latest stored plan; nil when it has none.
    static func latestPlan(_ team: String, _ operations: LocalOperations<BackendRunner>) async throws -> Plan? {
        do {
            return try await operations.storedPlan(team: team, number: nil)
        } catch let error as StoreError where error.kind == .notFound {
            return nil
        }
    }
}

extension WebRouteRegistry {
    mutating func addOverview() {
        let backend = self.backend
        page("/overview", role: .manager) { request, context, session in
            try await WebOverview.page(request, context.operations(backend), session: session)
        }
    }
}

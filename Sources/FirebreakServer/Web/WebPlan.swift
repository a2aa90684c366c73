import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// The plan board: the sprints of a team's stored plan side by side, then what was left unplanned,
/// with the team's other plans, the downloads, a diff between two plans and, for a manager, "New plan".
enum WebPlan {
    struct Item {
        var key: String
        var title: String
        var effort: String
        var priority: String
        var claimedBy: String?
        /// Why it is in this sprint: the planner's code and sentence (none for plans stored before reasons).
        var reason: String?
        var reasonText: String?
    }

    struct Sprint {
        var name: String
        var kind: String
        var improvement: Bool
        var dates: String
        var capacity: String
        var used: String
        var value: String
        var items: [Item]
    }

    struct Unplanned {
        var key: String
        var reason: String
        var reasonText: String
    }

    struct Warning {
        var key: String
        var message: String
    }

    /// What the board partial shows of one plan, stored or previewed.
    struct Board {
        var sprints: [Sprint]
        var unplanned: [Unplanned]
        var warnings: [Warning]

        init(_ plan: Plan?) {
            sprints = (plan?.sprints ?? []).map { s in
                Sprint(
                    name: s.name, kind: "\(s.kind)", improvement: s.kind == .improvement,
                    dates: "\(s.startsOn) to \(s.endsOn)", capacity: NumberText.plain(s.capacity),
                    used: NumberText.plain(s.used), value: NumberText.twoDecimals(s.value),
                    items: s.items.map {
                        Item(
                            key: $0.key, title: $0.title, effort: NumberText.plain($0.effort),
                            priority: NumberText.twoDecimals($0.priority), claimedBy: $0.claimedBy,
                            reason: $0.reason?.rawValue, reasonText: $0.reasonText)
                    })
            }
            unplanned = (plan?.unplanned ?? []).map {
                Unplanned(key: $0.key, reason: $0.reason.rawValue, reasonText: $0.reasonText)
            }
            warnings = (plan?.warnings ?? []).map { Warning(key: $0.key, message: $0.message) }
        }
    }

    /// One stored plan in a list or a select.
    struct PlanOption {
        var number: Int
        var label: String
        var href: String
        var selected: Bool
    }

    struct Download {
        var label: String
        var href: String
    }

    struct View {
        var team: String
        var teams: [WebBacklog.TeamOption]
        var number: Int?
        var asOf: String
        var board: Board
        var canPlan: Bool
        var sprintCount: Int
        var plans: [PlanOption]
        var downloads: [Download]
        var diffFrom: [PlanOption]
        var diffTo: [PlanOption]
    }

    /// The downloads, in the order the page lists them: (label, export format).
    static let formats: [(String, PlanExportFormat)] = [
        ("Jira CSV", .jiraCSV), ("Markdown", .markdown), ("HTML report", .html), ("iCalendar", .ics),
        ("JSON", .json),
    ]

    /// The team a page is for: `?team=`, else the caller's, else the first; with every team for the select.
    static func team(_ request: Request, _ operations: some Operations) async throws -> (String, [Team]) {
        let teams = try await operations.teams()
        let me = try await operations.me()
        guard let team = try request.query("team").flatMap({ $0.isEmpty ? nil : $0 }) ?? me.team ?? teams.first?.key
        else {
            throw Problem(
                .notFound, status: .notFound, detail: "There are no teams yet: make one with firebreak team create.")
        }
        return (team, teams)
    }

    static func teamOptions(_ teams: [Team], _ team: String) -> [WebBacklog.TeamOption] {
        teams.map { WebBacklog.TeamOption(key: $0.key, selected: $0.key == team) }
    }

    static func page(_ request: Request, _ operations: some Operations, session: WebSession) async throws -> Response {
        let (team, teams) = try await Self.team(request, operations)
        let asked = try request.positive("plan")
        // The plan asked for, else the latest, as `GET /v1/teams/{team}/plans/{plan|latest}` reads it.
        let plan: Plan?
        do {
            plan = try await operations.storedPlan(team: team, number: asked)
        } catch let error as StoreError where error.kind == .notFound && asked == nil {
            plan = nil
        }
        let stored = plan == nil ? [] : try await operations.plans(team: team).sorted { $0.number > $1.number }
        let number = plan?.number ?? 0
        let query = "team=\(WebSignIn.encoded(team))"
        func options(selected: Int) -> [PlanOption] {
            stored.map {
                PlanOption(
                    number: $0.number,
                    label: "Plan \($0.number), as of \(CalendarDate(containing: $0.asOf)), by \($0.createdBy)",
                    href: "/plan?\(query)&plan=\($0.number)", selected: $0.number == selected)
            }
        }
        let previous = stored.first { $0.number < number }?.number ?? number
        let view = View(
            team: team, teams: teamOptions(teams, team), number: plan?.number,
            asOf: plan.map { ISO8601Format.string($0.asOf) } ?? "", board: Board(plan),
            canPlan: session.principal.role >= .manager,
            sprintCount: plan?.sprints.count ?? Limits.defaultPlanHorizon, plans: options(selected: number),
            downloads: plan == nil
                ? []
                : formats.map {
                    Download(label: $0.0, href: "/plan/download?\(query)&plan=\(number)&format=\($0.1.rawValue)")
                },
            diffFrom: options(selected: previous), diffTo: options(selected: number))
        return WebPage.render("plan", view, title: "Plan", session: session, current: "/plan")
    }
}

extension WebRouteRegistry {
    mutating func addPlan() {
        let backend = self.backend
        page("/plan", role: .viewer) { request, context, session in
            try await WebPlan.page(request, context.operations(backend), session: session)
        }
        addNewPlan()
        page("/plan/diff", role: .viewer) { request, context, session in
            try await WebPlanDiff.page(request, context.operations(backend), session: session)
        }
        page("/plan/download", role: .viewer) { request, context, _ in
            let operations = context.operations(backend)
            let (team, _) = try await WebPlan.team(request, operations)
            let name = try request.query("format") ?? ""
            guard let format = PlanExportFormat(rawValue: name) else {
                throw Problem(
                    .notFound, status: .notFound,
                    detail: "There is no download \"\(name)\"; the plan downloads as "
                        + PlanExportFormat.allCases.map(\.rawValue).joined(separator: ", ") + ".",
                    field: "format")
            }
            return try await PlanDownload.response(
                format, team: team, number: try request.positive("plan"), jira: JiraCSVOptions(), backend: backend)
        }
    }
}

import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// The plan board: the sprints of a team's stored plan side by side, then what was left unplanned.
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

    struct View {
        var team: String
        var teams: [WebBacklog.TeamOption]
        var number: Int?
        var asOf: String
        var sprints: [Sprint]
        var unplanned: [Unplanned]
        var warnings: [Warning]
    }

    static func page(
        _ request: Request, _ operations: some Operations, backend: Backend, session: WebSession
    ) async throws -> Response {
        let teams = try await operations.teams()
        let me = try await operations.me()
        guard let team = try request.query("team").flatMap({ $0.isEmpty ? nil : $0 }) ?? me.team ?? teams.first?.key
        else {
            throw Problem(
                .notFound, status: .notFound, detail: "There are no teams yet: make one with firebreak team create.")
        }
        // The latest stored plan, as `GET /v1/teams/{team}/plans/latest` reads it.
        let plan: Plan?
        do {
            plan = try await operations.storedPlan(team: team, number: nil)
        } catch let error as StoreError where error.kind == .notFound {
            plan = nil
        }
        let view = View(
            team: team, teams: teams.map { WebBacklog.TeamOption(key: $0.key, selected: $0.key == team) },
            number: plan?.number, asOf: plan.map { ISO8601Format.string($0.asOf) } ?? "",
            sprints: (plan?.sprints ?? []).map { s in
                Sprint(
                    name: s.name, kind: "\(s.kind)", improvement: "\(s.kind)" == "improvement",
                    dates: "\(s.startsOn) to \(s.endsOn)", capacity: NumberText.plain(s.capacity),
                    used: NumberText.plain(s.used), value: NumberText.twoDecimals(s.value),
                    items: s.items.map {
                        Item(
                            key: $0.key, title: $0.title, effort: NumberText.plain($0.effort),
                            priority: NumberText.twoDecimals($0.priority), claimedBy: $0.claimedBy,
                            reason: $0.reason?.rawValue, reasonText: $0.reasonText)
                    })
            },
            unplanned: (plan?.unplanned ?? []).map {
                Unplanned(key: $0.key, reason: $0.reason.rawValue, reasonText: $0.reasonText)
            },
            warnings: (plan?.warnings ?? []).map { Warning(key: $0.key, message: $0.message) })
        return WebPage.render("plan", view, title: "Plan", session: session, current: "/plan")
    }
}

extension WebRouteRegistry {
    mutating func addPlan() {
        let backend = self.backend
        page("/plan", role: .viewer) { request, context, session in
            try await WebPlan.page(request, context.operations(backend), backend: backend, session: session)
        }
    }
}

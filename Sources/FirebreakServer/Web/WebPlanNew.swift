import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// "New plan": the plan the operations would make now, shown as a board without storing it
/// (`plan --dry-run`, the API's preview); confirming stores that plan, made as of the same moment.
enum WebPlanNew {
    struct View {
        var team: String
        var teams: [WebBacklog.TeamOption]
        var asOf: String
        /// Whole seconds since 1970: the confirm form stores the plan as of the moment the preview shows.
        var asOfSeconds: Int
        var sprintCount: String
        var sprintsError: String?
        var previewed: Bool
        var board: WebPlan.Board
        var csrf: String
        var latest: Int?
    }

    static func preview(
        _ request: Request, _ operations: some Operations, session: WebSession, logger: Logger
    ) async throws -> Response {
        let (team, teams) = try await WebPlan.team(request, operations)
        let text = try request.query("sprints") ?? "\(Limits.defaultPlanHorizon)"
        // Whole seconds, so that the plan stored on confirm is the plan shown here.
        let asOf = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        var plan: Plan?
        var sprintsError: String?
        if let sprints = Int(text) {
            do {
                plan = try await operations.plan(team: team, asOf: asOf, sprints: sprints, dryRun: true)
            } catch {
                // A horizon out of bounds is said next to its field, in the operations' words.
                let problem = Problem.from(error, logger: logger)
                guard problem.field == "sprints" else { throw problem }
                sprintsError = problem.detail
            }
        } else {
            sprintsError = "sprints must be a whole number, got \"\(text)\""
        }
        let latest = try? await operations.storedPlan(team: team, number: nil).number
        let view = View(
            team: team, teams: WebPlan.teamOptions(teams, team), asOf: ISO8601Format.string(asOf),
            asOfSeconds: Int(asOf.timeIntervalSince1970), sprintCount: text, sprintsError: sprintsError,
            previewed: plan != nil, board: WebPlan.Board(plan), csrf: session.csrf, latest: latest)
        return WebPage.render(
            "plan-new", view, title: "New plan", session: session, current: "/plan",
            status: sprintsError == nil ? .ok : .unprocessableContent)
    }
}

extension WebRouteRegistry {
    mutating func addNewPlan() {
        let backend = self.backend
        page("/plan/new", role: .manager) { request, context, session in
            try await WebPlanNew.preview(
                request, context.operations(backend), session: session, logger: context.logger)
        }
        form("/plan/new", role: .manager) { request, context, _, form in
            let operations = context.operations(backend)
            var team = form["team"] ?? ""
            if team.isEmpty { team = try await WebPlan.team(request, operations).0 }
            let asOf = form["asOf"].flatMap(Int.init).map { Date(timeIntervalSince1970: Double($0)) } ?? Date()
            let sprints = try form["sprints"].map { text in
                guard let number = Int(text) else {
                    throw Problem(
                        .invalid, status: .unprocessableContent, detail: "sprints must be a whole number",
                        field: "sprints")
                }
                return number
            }
            let plan = try await operations.plan(team: team, asOf: asOf, sprints: sprints, dryRun: false)
            return WebPage.redirect("/plan?team=\(WebSignIn.encoded(team))&plan=\(plan.number)")
        }
    }
}

import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// The ranked backlog (with explanations), lint, reports and the sprint calendar of a team.
extension RouteRegistry {
    mutating func addBacklog(_ backend: Backend) {
        get("teams/{team}/backlog", role: .viewer) { request, context in
            let team = try context.parameter("team")
            let (at, limit, explain) = (try request.asOf(), try request.positive("limit"), try request.flag("explain"))
            let operations = context.operations(backend)
            // Read whether or not it is used: a bad value is a 400 with `explain` too.
            let filter = try request.backlogFilter()
            if explain {
                if let refusal = BacklogFilter.explainRefusal(explain: "explain", filters: filter.queryParameters) {
                    throw Problem(.invalid, status: .unprocessableContent, detail: refusal, field: "explain")
                }
                return try Reply.json(try await operations.explain(team: team, item: nil, asOf: at, limit: limit))
            }
            return try Reply.json(try await operations.backlog(team: team, asOf: at, limit: limit, filter: filter))
        }
        get("teams/{team}/backlog/{key}/explain", role: .viewer) { request, context in
            let (team, key, at) = (try context.parameter("team"), try context.parameter("key"), try request.asOf())
            let explained = try await context.operations(backend).explain(team: team, item: key, asOf: at, limit: nil)
            return try Reply.json(explained[0])
        }
        get("teams/{team}/lint", role: .viewer) { request, context in
            let (team, at) = (try context.parameter("team"), try request.asOf())
            return try Reply.json(try await context.operations(backend).lint(team: team, asOf: at))
        }
        for report in ["categories", "incidents"] {
            get("teams/{team}/reports/\(report)", role: .viewer) { request, context in
                let (team, at) = (try context.parameter("team"), try request.asOf())
                let since = try request.query("since").map { text in
                    guard let date = ReportDate.parse(text) else {
                        throw Problem(
                            .invalid, status: .badRequest, detail: "since \"\(text)\" is not a date", field: "since")
                    }
                    return date
                }
                let operations = context.operations(backend)
                return report == "categories"
                    ? try Reply.json(try await operations.outageCategories(team: team, asOf: at, since: since))
                    : try Reply.json(try await operations.outageIncidents(team: team, asOf: at, since: since))
            }
        }
        get("teams/{team}/sprints", role: .viewer) { request, context in
            let (team, at) = (try context.parameter("team"), try request.asOf())
            let count = try request.positive("count") ?? Limits.defaultPlanHorizon
            return try Reply.json(try await context.operations(backend).sprints(team: team, from: at, count: count))
        }
    }
}

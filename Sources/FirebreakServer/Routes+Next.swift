import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Hummingbird

/// An engineer's next work and the team's trend.
extension RouteRegistry {
    mutating func addNext(_ backend: Backend) {
        get("teams/{team}/next", role: .viewer) { request, context in
            let (team, engineer, at) = (
                try context.parameter("team"), try request.query("engineer"), try request.asOf()
            )
            return try Reply.json(try await context.operations(backend).next(team: team, engineer: engineer, asOf: at))
        }
        get("teams/{team}/reports/trend", role: .viewer) { request, context in
            let (team, at) = (try context.parameter("team"), try request.asOf())
            return try Reply.json(try await context.operations(backend).trend(team: team, asOf: at))
        }
    }
}

extension Request {
    /// `unclaimed=true` or `claimedBy=HANDLE` of the backlog; not both (422). An empty `claimedBy` is
    /// none, as an empty query value is elsewhere.
    func backlogFilter() throws -> BacklogFilter {
        let (unclaimed, claimedBy) = (try flag("unclaimed"), try query("claimedBy").flatMap { $0.isEmpty ? nil : $0 })
        switch (unclaimed, claimedBy) {
        case (false, nil): return .all
        case (true, nil): return .unclaimed
        case (false, let handle?): return .claimedBy(handle)
        case (true, _?):
            throw Problem(
                .invalid, status: .unprocessableContent, detail: "unclaimed and claimedBy exclude each other",
                field: "claimedBy")
        }
    }
}

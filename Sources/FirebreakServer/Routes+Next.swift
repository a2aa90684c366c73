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
    /// `unclaimed=true`, `claimedBy=HANDLE` or `category=TEXT` of the backlog; one of them at most (422). An
    /// empty `claimedBy` or `category` is none, as an empty query value is elsewhere.
    func backlogFilter() throws -> BacklogFilter {
        let (unclaimed, claimedBy, category) = (
            try flag("unclaimed"), try query("claimedBy").flatMap { $0.isEmpty ? nil : $0 },
            try query("category").flatMap { $0.isEmpty ? nil : $0 }
        )
        switch (unclaimed, claimedBy, category) {
        case (false, nil, nil): return .all
        case (true, nil, nil): return .unclaimed
        case (false, let handle?, nil): return .claimedBy(handle)
        case (false, nil, let text?): return .category(text)
        default:
            throw Problem(
                .invalid, status: .unprocessableContent,
                detail: "unclaimed, claimedBy and category exclude each other",
                field: category == nil ? "claimedBy" : "category")
        }
    }
}

extension BacklogFilter {
    /// The query parameters that ask for this filter (those `backlogFilter()` reads), for messages.
    var queryParameters: [String] {
        switch self {
        case .all: []
        case .unclaimed: ["unclaimed"]
        case .claimedBy: ["claimedBy"]
        case .category: ["category"]
        }
    }
}

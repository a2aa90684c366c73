public import FirebreakCore
public import FirebreakStore
public import Foundation
import NIOHTTP1

/// Actions, claims and the backlog through the service.
extension RemoteOperations {
    public func actions(team: String?, statuses: [ActionStatus]) async throws -> [Action] {
        let status = statuses.isEmpty ? nil : statuses.map(\.rawValue).joined(separator: ",")
        return try await get([Action].self, "/v1/actions", query: ["team": team, "status": status])
    }

    public func action(_ key: String) async throws -> Versioned<Action> {
        try await versioned(Action.self, "/v1/actions/\(Self.segment(key))")
    }

    public func addAction(_ fields: ActionFields) async throws -> Versioned<Action> {
        let answer = try await send(.POST, "/v1/actions", body: try PlanJSON.encoder.encode(fields))
        return Versioned(try Self.decode(Action.self, answer.buffer), version: answer.version ?? 0)
    }

    public func setAction(
        _ key: String, _ fields: ActionFields, expectedVersion: Int?
    ) async throws -> Versioned<Action> {
        let answer = try await send(
            .PATCH, "/v1/actions/\(Self.segment(key))", body: try PlanJSON.encoder.encode(fields),
            ifMatch: expectedVersion.map { "\"v\($0)\"" } ?? "*")
        return Versioned(try Self.decode(Action.self, answer.buffer), version: answer.version ?? 0)
    }

    public func link(_ action: String, to incident: String, coverage: Double?) async throws -> Action {
        struct Body: Encodable { var coverage: Double? }
        let answer = try await send(
            .PUT, "/v1/actions/\(Self.segment(action))/incidents/\(Self.segment(incident))",
            body: try PlanJSON.encoder.encode(Body(coverage: coverage)))
        return try Self.decode(Action.self, answer.buffer)
    }

    public func unlink(_ action: String, from incident: String) async throws {
        _ = try await send(.DELETE, "/v1/actions/\(Self.segment(action))/incidents/\(Self.segment(incident))")
    }

    public func actionHistory(_ key: String) async throws -> [ClaimStore.HistoryEntry] {
        try await get([ClaimStore.HistoryEntry].self, "/v1/actions/\(Self.segment(key))/history")
    }

    public func claim(_ key: String, engineer: String?) async throws -> Claim {
        try await claimVerb("claim", key, engineer)
    }

    public func release(_ key: String, engineer: String?) async throws -> Claim {
        try await claimVerb("release", key, engineer)
    }

    public func done(_ key: String, engineer: String?) async throws -> Claim {
        try await claimVerb("done", key, engineer)
    }

    func claimVerb(_ verb: String, _ key: String, _ engineer: String?) async throws -> Claim {
        let body = try engineer.map { try PlanJSON.encoder.encode(["engineer": $0]) }
        let answer = try await send(.POST, "/v1/actions/\(Self.segment(key))/\(verb)", body: body)
        return try Self.decode(Claim.self, answer.buffer)
    }

    public func backlog(team: String, asOf: Date, limit: Int?, filter: BacklogFilter) async throws -> [RankedItem] {
        var query: [String: String?] = ["asOf": ISO8601Format.string(asOf), "limit": limit.map(String.init)]
        switch filter {
        case .all: break
        case .unclaimed: query["unclaimed"] = "true"
        case .claimedBy(let handle): query["claimedBy"] = handle
        case .category(let text): query["category"] = text
        }
        return try await get([RankedItem].self, "/v1/teams/\(Self.segment(team))/backlog", query: query)
    }

    /// The API answers the kept items without the backlog's size: the whole backlog is asked for too.
    public func backlogSelection(team: String, asOf: Date, filter: BacklogFilter) async throws -> BacklogSelection {
        async let all = backlog(team: team, asOf: asOf, limit: nil)
        let kept = filter == .all ? nil : try await backlog(team: team, asOf: asOf, limit: nil, filter: filter)
        let ranked = try await all
        return BacklogSelection(items: kept ?? ranked, rankedCount: ranked.count)
    }

    public func next(team: String, engineer: String?, asOf: Date) async throws -> NextWork {
        try await get(
            NextWork.self, "/v1/teams/\(Self.segment(team))/next",
            query: ["engineer": engineer, "asOf": ISO8601Format.string(asOf)])
    }

    public func trend(team: String, asOf: Date) async throws -> OutageTrend {
        try await get(
            OutageTrend.self, "/v1/teams/\(Self.segment(team))/reports/trend",
            query: ["asOf": ISO8601Format.string(asOf)])
    }

    public func explain(team: String, item: String?, asOf: Date, limit: Int?) async throws -> [ScoreExplanation] {
        let query: [String: String?] = ["asOf": ISO8601Format.string(asOf)]
        if let item {
            let path = "/v1/teams/\(Self.segment(team))/backlog/\(Self.segment(item))/explain"
            return [try await get(ScoreExplanation.self, path, query: query)]
        }
        return try await get(
            [ScoreExplanation].self, "/v1/teams/\(Self.segment(team))/backlog",
            query: query.merging(["explain": "true", "limit": limit.map(String.init)]) { $1 })
    }

    /// The API answers the ranking and the explanations apart: the service ranks for each.
    public func explained(
        team: String, item: String?, asOf: Date, limit: Int?
    ) async throws -> BacklogStore.Explained {
        async let teamRead = self.team(team)
        async let rankedRead = backlog(team: team, asOf: asOf, limit: nil)
        async let explanationsRead = explain(team: team, item: item, asOf: asOf, limit: limit)
        return BacklogStore.Explained(
            team: try await teamRead.value, ranked: try await rankedRead, explanations: try await explanationsRead)
    }

    public func lint(team: String?, asOf: Date) async throws -> [LintFindingView] {
        var keys = team.map { [$0] } ?? []
        if team == nil { keys = try await teams().map(\.key) }
        var all: [LintFindingView] = []
        for key in keys {
            all += try await get(
                [LintFindingView].self, "/v1/teams/\(Self.segment(key))/lint",
                query: ["asOf": ISO8601Format.string(asOf)])
        }
        return all
    }
}

public import FirebreakCore
public import FirebreakStore
public import Foundation

/// The ranked backlog, its explanations and lint.
extension LocalOperations {
    public func backlog(team: String, asOf: Date, limit: Int?, filter: BacklogFilter) async throws -> [RankedItem] {
        try Limits.checkListLimit(limit)
        let kept = try await backlogSelection(team: team, asOf: asOf, filter: filter).items
        return Array(kept.prefix(limit ?? kept.count))
    }

    public func backlogSelection(team: String, asOf: Date, filter: BacklogFilter) async throws -> BacklogSelection {
        let (ranked, matching) = try await runner.runLong { db in
            // The whole backlog is ranked, so that the kept items keep their ranks in it.
            async let ranked = BacklogStore(database: db).rank(team: team, asOf: asOf)
            guard case .category(let text) = filter else { return (try await ranked, Set<String>?.none) }
            let matching = try await ActionStore(database: db).activeKeys(team: team, categoryContaining: text)
            return (try await ranked, matching)
        }
        let kept =
            filter == .all ? ranked : ranked.filter { filter.keeps($0) && matching?.contains($0.key) ?? true }
        return BacklogSelection(items: kept, rankedCount: ranked.count)
    }

    public func explain(team: String, item: String?, asOf: Date, limit: Int?) async throws -> [ScoreExplanation] {
        try Limits.checkListLimit(limit)
        return try await runner.runLong {
            try await BacklogStore(database: $0).explain(team: team, item: item, asOf: asOf, limit: limit).explanations
        }
    }

    public func explained(
        team: String, item: String?, asOf: Date, limit: Int?
    ) async throws -> BacklogStore.Explained {
        try Limits.checkListLimit(limit)
        return try await runner.runLong {
            try await BacklogStore(database: $0).explain(team: team, item: item, asOf: asOf, limit: limit)
        }
    }

    public func lint(team: String?, asOf: Date) async throws -> [LintFindingView] {
        try await runner.runLong { db in
            var keys = team.map { [$0] } ?? []
            if team == nil { keys = try await TeamStore(database: db).list().map(\.key) }
            var all: [LintFindingView] = []
            for key in keys {
                let snapshot = try await BacklogStore(database: db).snapshot(team: key)
                all += LintRules.all(incidents: snapshot.incidents, items: snapshot.items, asOf: asOf).map {
                    LintFindingView(team: key, code: $0.code, key: $0.key, message: $0.message)
                }
            }
            return all
        }
    }
}

public import FirebreakCore
public import FirebreakStore
public import Foundation

/// What the web app's overview reads beside the trend and lint.
extension LocalOperations {
    /// Outage cost by weakness category, largest first with the cumulative share: the Pareto of the
    /// HTML export, computed as it computes it (before decay, incidents up to `asOf`).
    public func categories(team: String, asOf: Date) async throws -> [OutageCostReport.CategoryRow] {
        let snapshot = try await runner.run { try await BacklogStore(database: $0).snapshot(team: team) }
        return OutageCostReport.categories(snapshot.incidents, weights: snapshot.team.weights, asOf: asOf)
    }
}

public import FirebreakCore
public import FirebreakStore
public import Foundation

/// What the web app's overview shows beside the trend and the plan, from one read of the team.
public struct TeamOverview: Sendable {
    /// Outage cost by weakness category, largest first with the cumulative share: the Pareto of the
    /// HTML export, computed as it computes it (before decay, incidents up to the as-of time).
    public var categories: [OutageCostReport.CategoryRow]
    /// The gaps `firebreak lint` lists for the team.
    public var findings: [LintFinding]
    /// Every action's status, by key (done and won't-fix ones too).
    public var statuses: [String: ActionStatus]
}

extension LocalOperations {
    /// The overview's categories, lint gaps and statuses, from one snapshot of the team (its
    /// incidents and all its actions) rather than one read each.
    public func overview(team: String, asOf: Date) async throws -> TeamOverview {
        let snapshot = try await runner.run { try await BacklogStore(database: $0).snapshot(team: team) }
        return TeamOverview(
            categories: OutageCostReport.categories(snapshot.incidents, weights: snapshot.team.weights, asOf: asOf),
            findings: LintRules.all(incidents: snapshot.incidents, items: snapshot.items, asOf: asOf),
            statuses: Dictionary(snapshot.items.map { ($0.key, $0.status) }, uniquingKeysWith: { a, _ in a }))
    }
}

public import FirebreakCore
import FirebreakStore
public import Foundation

/// Where a team's outages come from (`report categories`, `report incidents`): its incidents' cost,
/// by weakness category or one by one, largest first.
extension LocalOperations {
    public func outageCategories(
        team: String, asOf: Date, since: Date?
    ) async throws -> [OutageCostReport.CategoryRow] {
        let snapshot = try await runner.runLong { try await BacklogStore(database: $0).snapshot(team: team) }
        return OutageCostReport.categories(
            snapshot.incidents, weights: snapshot.team.weights, asOf: asOf, since: since)
    }

    public func outageIncidents(
        team: String, asOf: Date, since: Date?
    ) async throws -> [OutageCostReport.IncidentRow] {
        let snapshot = try await runner.runLong { try await BacklogStore(database: $0).snapshot(team: team) }
        return OutageCostReport.incidents(snapshot.incidents, weights: snapshot.team.weights, asOf: asOf, since: since)
    }
}

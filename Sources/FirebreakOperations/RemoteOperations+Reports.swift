public import FirebreakCore
public import FirebreakStore
public import Foundation
import NIOHTTP1

/// An incident's changes and history, and the outage reports, through the service.
extension RemoteOperations {
    public func setIncident(
        _ key: String, _ fields: IncidentFields, expectedVersion: Int?
    ) async throws -> Versioned<IncidentView> {
        let answer = try await send(
            .PATCH, "/v1/incidents/\(Self.segment(key))", body: try PlanJSON.encoder.encode(fields),
            ifMatch: expectedVersion.map { "\"v\($0)\"" } ?? "*")
        return Versioned(try Self.decode(IncidentView.self, answer.buffer), version: answer.version ?? 0)
    }

    public func incidentHistory(_ key: String) async throws -> [ClaimStore.HistoryEntry] {
        try await get([ClaimStore.HistoryEntry].self, "/v1/incidents/\(Self.segment(key))/history")
    }

    public func outageCategories(
        team: String, asOf: Date, since: Date?
    ) async throws -> [OutageCostReport.CategoryRow] {
        try await get(
            [OutageCostReport.CategoryRow].self, "/v1/teams/\(Self.segment(team))/reports/categories",
            query: Self.window(asOf, since))
    }

    public func outageIncidents(
        team: String, asOf: Date, since: Date?
    ) async throws -> [OutageCostReport.IncidentRow] {
        try await get(
            [OutageCostReport.IncidentRow].self, "/v1/teams/\(Self.segment(team))/reports/incidents",
            query: Self.window(asOf, since))
    }

    static func window(_ asOf: Date, _ since: Date?) -> [String: String?] {
        ["asOf": ISO8601Format.string(asOf), "since": since.map(ISO8601Format.string)]
    }
}

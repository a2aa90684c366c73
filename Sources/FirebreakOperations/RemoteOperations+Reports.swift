public import FirebreakCore
public import FirebreakStore
public import Foundation
import NIOHTTP1

/// An incident's changes and history, and the outage reports, through the service.
extension RemoteOperations {
    public func setIncident(
        _ key: String, _ changes: IncidentStore.Changes, expectedVersion: Int?
    ) async throws -> Versioned<IncidentView> {
        let answer = try await send(
            .PATCH, "/v1/incidents/\(Self.segment(key))", body: try PlanJSON.encoder.encode(IncidentBody(changes)),
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

/// The body of `PATCH /v1/incidents/{key}`: the fields given, and the numbers to remove.
private struct IncidentBody: Encodable {
    var title: String?
    var description: String?
    var startedAt: Date?
    var outageMinutes: Int?
    var tickets: Int?
    var severity: Int?
    var detectedBy: DetectionSource?
    var status: IncidentStatus?
    var clear: [String]?

    init(_ c: IncidentStore.Changes) {
        title = c.title
        description = c.description
        startedAt = c.startedAt
        outageMinutes = c.outageMinutes
        tickets = c.tickets
        severity = c.severity?.rawValue
        detectedBy = c.detectedBy
        status = c.status
        clear = c.clear.isEmpty ? nil : IncidentStore.Field.allCases.filter(c.clear.contains).map(\.rawValue)
    }
}

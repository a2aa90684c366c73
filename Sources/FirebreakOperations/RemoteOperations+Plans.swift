public import FirebreakCore
public import FirebreakStore
public import Foundation
import NIOHTTP1

/// Plans and the sprint calendar through the service.
extension RemoteOperations {
    public func plan(team: String, asOf: Date, sprints: Int?, dryRun: Bool) async throws -> Plan {
        struct Body: Encodable {
            var asOf: Date
            var sprints: Int?
        }
        let path = "/v1/teams/\(Self.segment(team))/plans" + (dryRun ? "/preview" : "")
        let answer = try await send(.POST, path, body: try PlanJSON.encoder.encode(Body(asOf: asOf, sprints: sprints)))
        return try Self.decode(Plan.self, answer.buffer)
    }

    public func plans(team: String) async throws -> [PlanStore.Summary] {
        try await get([PlanStore.Summary].self, "/v1/teams/\(Self.segment(team))/plans")
    }

    public func storedPlan(team: String, number: Int?) async throws -> Plan {
        try await get(Plan.self, "/v1/teams/\(Self.segment(team))/plans/\(Self.planName(number))")
    }

    public func planDiff(team: String, _ a: Int?, _ b: Int?) async throws -> PlanDiff {
        try await get(
            PlanDiff.self, "/v1/teams/\(Self.segment(team))/plans/\(Self.planName(a))/diff/\(Self.planName(b))")
    }

    public func sprints(team: String, from: Date, count: Int) async throws -> [Sprint] {
        try await get(
            [Sprint].self, "/v1/teams/\(Self.segment(team))/sprints",
            query: ["asOf": ISO8601Format.string(from), "count": String(count)])
    }

    /// A plan as its path names it: its number, or `latest`.
    static func planName(_ number: Int?) -> String { number.map(String.init) ?? "latest" }
}

public import FirebreakCore
public import FirebreakStore
import Foundation
import NIOHTTP1

/// Teams that are created, changed, archived or deleted, engineers who change or leave, through the
/// service: a manager's token's (the service checks the role and audits each as the token).
extension RemoteOperations {
    public func allTeams() async throws -> [TeamListing] {
        try await get([TeamListing].self, "/v1/teams", query: ["all": "true"])
    }

    public func createTeam(_ team: Team) async throws -> Versioned<Team> {
        let body = try PlanJSON.encoder.encode(NewTeam(key: team.key, settings: TeamChanges(settingsOf: team)))
        let answer = try await send(.POST, "/v1/teams", body: body)
        return Versioned(try Self.decode(Team.self, answer.buffer), version: answer.version ?? 1)
    }

    public func setTeam(_ key: String, _ changes: TeamChanges, expectedVersion: Int?) async throws -> Versioned<Team> {
        let answer = try await send(
            .PATCH, "/v1/teams/\(Self.segment(key))", body: try PlanJSON.encoder.encode(changes),
            ifMatch: expectedVersion.map { "\"v\($0)\"" } ?? "*")
        return Versioned(try Self.decode(Team.self, answer.buffer), version: answer.version ?? 0)
    }

    public func archiveTeam(_ key: String) async throws {
        _ = try await send(.POST, "/v1/teams/\(Self.segment(key))/archive")
    }

    public func unarchiveTeam(_ key: String) async throws {
        _ = try await send(.POST, "/v1/teams/\(Self.segment(key))/unarchive")
    }

    public func deleteTeam(_ key: String) async throws -> TeamStore.Deletion {
        let answer = try await send(.DELETE, "/v1/teams/\(Self.segment(key))")
        return try Self.decode(TeamStore.Deletion.self, answer.buffer)
    }

    public func setEngineer(_ handle: String, _ changes: EngineerChanges) async throws -> EngineerUpdate {
        let answer = try await send(
            .PATCH, "/v1/engineers/\(Self.segment(handle))", body: try PlanJSON.encoder.encode(changes))
        return try Self.decode(EngineerUpdate.self, answer.buffer)
    }

    public func deactivateEngineer(_ handle: String) async throws -> TeamStore.Deactivation {
        let answer = try await send(.POST, "/v1/engineers/\(Self.segment(handle))/deactivate")
        return try Self.decode(TeamStore.Deactivation.self, answer.buffer)
    }

    public func allEngineers(team: String?) async throws -> [EngineerListing] {
        try await get([EngineerListing].self, "/v1/engineers", query: ["team": team, "all": "true"])
    }
}

/// The body of `POST /v1/teams`: the key beside the settings.
private struct NewTeam: Encodable {
    var key: String
    var settings: TeamChanges

    enum CodingKeys: String, CodingKey { case key }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try settings.encode(to: encoder)
    }
}

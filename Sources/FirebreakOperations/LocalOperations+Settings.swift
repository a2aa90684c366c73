public import FirebreakCore
public import FirebreakStore
public import Foundation

/// Team settings as the web app changes them: the store call the API's `PATCH /v1/teams/{team}` makes,
/// with the team's own validation (``Team/validationProblem()``) and its audit entry.
extension LocalOperations {
    /// Changes team `key`'s settings with `change`; with `expectedVersion`, only if it is still at that
    /// version. A setting out of range is a `StoreError.invalid` naming the API's field.
    public func setTeam(
        _ key: String, expectedVersion: Int?, _ change: @escaping @Sendable (inout Team) throws -> Void
    ) async throws -> Versioned<Team> {
        try caller.require(.manager)
        let actor = caller.actor
        let (team, version) = try await runner.run { db in
            try await TeamStore(database: db).update(key, expectedVersion: expectedVersion, actor: actor, change)
        }
        return Versioned(team, version: version)
    }

    /// The days off of `team`'s engineers (`GET /v1/time-off`).
    public func timeOff(team: String) async throws -> [TimeOff] {
        try await runner.run { try await TeamStore(database: $0).timeOff(team: team) }
    }
}

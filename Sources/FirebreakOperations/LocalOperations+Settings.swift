public import FirebreakCore
public import FirebreakStore
public import Foundation

/// Teams as `team create|set`, the API's `POST /v1/teams` and `PATCH /v1/teams/{team}` and the web
/// app's settings page make and change them, with the team's own validation
/// (``Team/validationProblem()``) and its audit entry.
extension LocalOperations {
    /// Creates `team` (`team create`, `POST /v1/teams`); a conflict when its key is taken.
    public func createTeam(_ team: Team) async throws -> Versioned<Team> {
        try caller.require(.manager)
        let actor = caller.actor
        try await runner.run { try await TeamStore(database: $0).create(team, actor: actor) }
        return Versioned(team, version: 1)
    }

    /// Changes team `key`'s settings as `changes` says (`team set`, `PATCH /v1/teams/{team}`).
    public func setTeam(_ key: String, _ changes: TeamChanges, expectedVersion: Int?) async throws -> Versioned<Team> {
        try await setTeam(key, expectedVersion: expectedVersion) { try changes.apply(to: &$0) }
    }

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

    /// The days off of `team`'s engineers, of every team's when nil (`GET /v1/time-off`).
    public func timeOff(team: String?) async throws -> [TimeOff] {
        try await runner.run { try await TeamStore(database: $0).timeOff(team: team) }
    }
}

/// An incident's facts as the API's `PATCH /v1/incidents/{key}` and the web app fill them in.
extension LocalOperations {
    /// Changes incident `key` (the store checks the values, `IncidentStore.Changes.problems`, and
    /// audits the change); with `expectedVersion`, only if it is still at that version. A severity
    /// name is read here, with the alias table of the incident's team (``IncidentFields/changes(team:)``),
    /// for `incident set --severity`, the API and the web app alike.
    public func setIncident(
        _ key: String, _ fields: IncidentFields, expectedVersion: Int?
    ) async throws -> Versioned<IncidentView> {
        try caller.require(.manager)
        let actor = caller.actor
        return try await runner.run { db in
            let store = IncidentStore(database: db)
            var team: Team?
            if fields.severityAlias != nil, let teamKey = try await store.report(key).team {
                team = try await TeamStore(database: db).get(teamKey)
            }
            let changes = try fields.changes(team: team)
            let outcome = try await store.update(key, changes: changes, expectedVersion: expectedVersion, actor: actor)
            return Versioned(IncidentView(key, try await store.report(key)), version: outcome.version)
        }
    }

    /// Who imported and changed incident `key` and when, oldest first (`incident history`).
    public func incidentHistory(_ key: String) async throws -> [ClaimStore.HistoryEntry] {
        try await runner.run { try await IncidentStore(database: $0).history(key) }
    }
}

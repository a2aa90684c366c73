public import FirebreakCore
public import FirebreakStore

/// Teams that are archived or deleted, engineers who change or leave: a manager's, each audited.
extension LocalOperations {
    public func allTeams() async throws -> [TeamListing] {
        try await runner.run { db in
            try await TeamStore(database: db).listed().map {
                TeamListing(team: $0.team, archived: $0.archived, demo: $0.demo)
            }
        }
    }

    public func archiveTeam(_ key: String) async throws {
        try caller.require(.manager)
        let actor = caller.actor
        try await runner.run { try await TeamStore(database: $0).archive(key, actor: actor) }
    }

    public func unarchiveTeam(_ key: String) async throws {
        try caller.require(.manager)
        let actor = caller.actor
        try await runner.run { try await TeamStore(database: $0).unarchive(key, actor: actor) }
    }

    public func deleteTeam(_ key: String) async throws -> TeamStore.Deletion {
        try caller.require(.manager)
        let actor = caller.actor
        return try await runner.run { try await TeamStore(database: $0).delete(key, actor: actor) }
    }

    public func setEngineer(_ handle: String, _ changes: EngineerChanges) async throws -> EngineerUpdate {
        try caller.require(.manager)
        guard !changes.isEmpty else {
            throw StoreError.invalid("nothing to change: give a name, email, team or capacity", field: "engineer")
        }
        let actor = caller.actor
        let (engineer, changed) = try await runner.run {
            try await TeamStore(database: $0).setEngineer(handle, changes, actor: actor)
        }
        return EngineerUpdate(engineer: engineer, changed: changed)
    }

    public func allEngineers(team: String?) async throws -> [EngineerListing] {
        try await runner.run { db in
            let store = TeamStore(database: db)
            let inactive = try await store.deactivatedHandles(team: team)
            return try await store.engineers(team: team, includingDeactivated: true).map {
                EngineerListing(engineer: $0, active: !inactive.contains($0.handle))
            }
        }
    }

    public func deactivateEngineer(_ handle: String) async throws -> TeamStore.Deactivation {
        try caller.require(.manager)
        let actor = caller.actor
        return try await runner.run { try await TeamStore(database: $0).deactivateEngineer(handle, actor: actor) }
    }
}

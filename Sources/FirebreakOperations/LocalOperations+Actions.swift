public import FirebreakCore
public import FirebreakStore
import Foundation

/// Actions and their links.
extension LocalOperations {
    public func actions(team: String?, statuses: [ActionStatus]) async throws -> [Action] {
        try await runner.run { try await ActionStore(database: $0).list(team: team, statuses: statuses) }
    }

    public func action(_ key: String) async throws -> Versioned<Action> {
        try await runner.run { db in
            let version = try await RowVersion.action.current(key, in: db)
            return Versioned(try await ActionStore(database: db).get(key), version: version)
        }
    }

    public func addAction(_ fields: ActionFields) async throws -> Versioned<Action> {
        try caller.require(.manager)
        guard let title = fields.title else { throw StoreError.invalid("title is required", field: "title") }
        guard let team = fields.team else { throw StoreError.invalid("team is required", field: "team") }
        let (changes, actor) = (fields.changes, caller.actor)
        return try await runner.run { db in
            let store = ActionStore(database: db)
            let key = try await store.add(title: title, team: team, changes: changes, actor: actor)
            return Versioned(try await store.get(key), version: try await RowVersion.action.current(key, in: db))
        }
    }

    public func setAction(
        _ key: String, _ fields: ActionFields, expectedVersion: Int?
    ) async throws -> Versioned<Action> {
        try caller.require(.manager)
        if fields.team != nil { throw StoreError.invalid("an action's team cannot change", field: "team") }
        let (changes, actor) = (fields.changes, caller.actor)
        return try await runner.run { db in
            let store = ActionStore(database: db)
            let version = try await store.set(key, changes: changes, expectedVersion: expectedVersion, actor: actor)
            return Versioned(try await store.get(key), version: version)
        }
    }

    public func link(_ action: String, to incident: String, coverage: Double?) async throws -> Action {
        try caller.require(.manager)
        let actor = caller.actor
        return try await runner.run { db in
            let store = ActionStore(database: db)
            try await store.link(action, to: incident, coverage: coverage ?? 1, actor: actor)
            return try await store.get(action)
        }
    }

    public func unlink(_ action: String, from incident: String) async throws {
        try caller.require(.manager)
        let actor = caller.actor
        try await runner.run { try await ActionStore(database: $0).unlink(action, from: incident, actor: actor) }
    }

    public func actionHistory(_ key: String) async throws -> [ClaimStore.HistoryEntry] {
        try await runner.run { db in
            _ = try await RowVersion.action.current(key, in: db)  // not found for anything but an action
            return try await ClaimStore(database: db).history(key)
        }
    }
}

public import FirebreakCore
public import FirebreakStore
public import Foundation

/// The operations on the database, as `caller`: the CLI runs them on its database, the service for
/// each request's token. Every check and limit of an operation is made here, so both agree.
///
/// Generic over its runner, so that the service's per-request operations box nothing.
public struct LocalOperations<Runner: DatabaseRunner>: Operations {
    public let runner: Runner
    public let caller: Caller

    public init(runner: Runner, caller: Caller) {
        self.runner = runner
        self.caller = caller
    }

    /// The caller, with the team of its engineer when it names one.
    public func me() async throws -> Caller {
        guard let handle = caller.engineer, caller.team == nil else { return caller }
        let engineers = try await runner.run { try await TeamStore(database: $0).engineers(team: nil) }
        var me = caller
        me.team = engineers.first { $0.handle == handle }?.team
        return me
    }

    public func teams() async throws -> [Team] {
        try await runner.run { try await TeamStore(database: $0).list() }
    }

    public func team(_ key: String) async throws -> Versioned<Team> {
        try await runner.run { db in
            let version = try await RowVersion.team.current(key, in: db)
            return Versioned(try await TeamStore(database: db).get(key), version: version)
        }
    }

    public func engineers(team: String?) async throws -> [Engineer] {
        try await runner.run { try await TeamStore(database: $0).engineers(team: team) }
    }

    public func addEngineer(_ engineer: Engineer) async throws -> Engineer {
        try caller.require(.manager)
        let actor = caller.actor
        try await runner.run { try await TeamStore(database: $0).addEngineer(engineer, actor: actor) }
        return engineer
    }

    public func addTimeOff(_ handle: String, from: CalendarDate, to: CalendarDate) async throws -> TimeOff {
        try caller.require(.manager)
        let actor = caller.actor
        try await runner.run { try await TeamStore(database: $0).addTimeOff(handle, from: from, to: to, actor: actor) }
        return TimeOff(handle: handle, from: from, to: to)
    }
}

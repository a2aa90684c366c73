public import FirebreakCore
import FirebreakStore

/// Claims: one statement each (``ClaimStore``), with who acts worked out here once.
extension LocalOperations {
    public func claim(_ key: String, engineer: String?) async throws -> Claim {
        guard let handle = try claimant(engineer) else {
            throw StoreError.invalid("name the engineer the claim is for", field: "engineer")
        }
        // A manager claiming for another engineer is recorded as acting on their behalf.
        let actor: ClaimStore.Actor =
            caller.role == .manager && caller.engineer != handle
            ? .on(behalfOf: handle, by: caller.actor) : .token(caller.actor, of: handle)
        try await runner.run { try await ClaimStore(database: $0).claim(key, as: actor) }
        return Claim(key: key, status: .claimed, claimedBy: handle)
    }

    public func release(_ key: String, engineer: String?) async throws -> Claim {
        let actor = try finisher(engineer)
        try await runner.run { try await ClaimStore(database: $0).release(key, as: actor) }
        return Claim(key: key, status: .open, claimedBy: nil)
    }

    public func done(_ key: String, engineer: String?) async throws -> Claim {
        let actor = try finisher(engineer)
        try await runner.run { try await ClaimStore(database: $0).done(key, as: actor) }
        return Claim(key: key, status: .done, claimedBy: nil)
    }

    /// Who ends a claim: a manager as a manager, or with the rights of the engineer it names; an
    /// engineer as itself.
    func finisher(_ named: String?) throws -> ClaimStore.Actor {
        if caller.role == .manager {
            return named.map { .on(behalfOf: $0, by: caller.actor) } ?? .manager(caller.actor)
        }
        guard let handle = try claimant(named) else { return .manager(caller.actor) }
        return .token(caller.actor, of: handle)
    }

    /// The engineer a claim is for: an engineer's own (naming another is refused); the one a manager
    /// names, else the manager's own engineer, else nil.
    func claimant(_ named: String?) throws -> String? {
        try caller.require(.engineer)
        if caller.role == .manager { return named ?? caller.engineer }
        guard let own = caller.engineer else { throw Refusal("this token is not tied to an engineer") }
        if let named, named != own { throw Refusal("an engineer token claims as \(own) only", field: "engineer") }
        return own
    }
}

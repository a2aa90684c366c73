import FirebreakStore
import Foundation
import Synchronization

/// Remembers recently checked tokens for a short time, so that a busy client costs the database
/// one token lookup a `lifetime` instead of one a request. Only live tokens are remembered (a
/// new token works at once), entries are keyed by the token's SHA-256 (the secret is not kept),
/// and a revoked token keeps working for at most `lifetime` on an instance that had just seen it.
final class TokenCache: Sendable {
    private struct Entry {
        let principal: TokenStore.Principal
        let expires: ContinuousClock.Instant
    }

    let lifetime: Duration
    /// Past this many tokens the cache starts again empty: a flood of distinct tokens cannot grow it.
    let capacity: Int
    private let entries = Mutex<[Data: Entry]>([:])

    init(lifetime: Duration, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The principal for `digest`: remembered, or looked up with `lookup` and remembered when live.
    func principal(
        for digest: Data, lookup: (Data) async throws -> TokenStore.Principal?
    ) async throws -> TokenStore.Principal? {
        guard lifetime > .zero else { return try await lookup(digest) }
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[digest] }), entry.expires > now { return entry.principal }
        guard let principal = try await lookup(digest) else {
            entries.withLock { _ = $0.removeValue(forKey: digest) }
            return nil
        }
        let entry = Entry(principal: principal, expires: now + lifetime)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[digest] = entry
        }
        return principal
    }
}

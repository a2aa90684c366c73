import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import Testing

/// Audit entries name who acted, and the engineer acted for when that is someone else.
@Suite("Who acted, and for whom")
struct AuditActorTests {
    /// `actor` (for `onBehalfOf`) `verb`, as the history lists them.
    static func entries(_ key: String, in db: Database) async throws -> [String] {
        try await ClaimStore(database: db).history(key).dropFirst().map {
            [$0.actor, $0.onBehalfOf.map { "for \($0)" }, $0.verb].compactMap { $0 }.joined(separator: " ")
        }
    }

    @Test func claimsReleasesAndCompletionsNameTheActorAndTheEngineer() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await ClaimTests.team(engineers: 2, actions: 3, in: db)
            let claims = ClaimStore(database: db)
            // A manager claims for e1 and, later, releases e1's claim: both for e1.
            try await claims.claim("ACT-1", as: .on(behalfOf: "e1", by: "api:planning"))
            try await claims.release("ACT-1", as: .manager("api:planning"))
            // An engineer's token acts as its engineer: the token, and no one else.
            try await claims.claim("ACT-1", as: .token("api:e2-laptop", of: "e2"))
            try await claims.done("ACT-1", as: .token("api:e2-laptop", of: "e2"))
            #expect(
                try await Self.entries("ACT-1", in: db) == [
                    "api:planning for e1 claim", "api:planning for e1 release", "api:e2-laptop claim",
                    "api:e2-laptop done",
                ])
            // The local user with --as e2; then, as a manager, completing e2's claim.
            try await claims.claim("ACT-2", as: .on(behalfOf: "e2", by: "jo"))
            try await claims.done("ACT-2", as: .manager("jo"))
            // A manager completing an open item acts for no one.
            try await claims.done("ACT-3", as: .manager("jo"))
            #expect(try await Self.entries("ACT-2", in: db) == ["jo for e2 claim", "jo for e2 done"])
            #expect(try await Self.entries("ACT-3", in: db) == ["jo done"])
            // Acting as oneself is not acting for someone.
            #expect(ClaimStore.Actor.on(behalfOf: "e1", by: "e1").onBehalfOf == nil)
        }
    }

    /// An engineer's rights stay the engineer's when someone acts for them: not another's claim.
    @Test func actingForAnEngineerHasTheEngineersRights() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await ClaimTests.team(engineers: 2, actions: 1, in: db)
            let claims = ClaimStore(database: db)
            try await claims.claim("ACT-1", by: "e1")
            await #expect(throws: StoreError.conflict("ACT-1 is claimed by e1; only they or a manager may release it"))
            {
                try await claims.release("ACT-1", as: .on(behalfOf: "e2", by: "jo"))
            }
            #expect(try await Self.entries("ACT-1", in: db) == ["e1 claim"])
        }
    }
}

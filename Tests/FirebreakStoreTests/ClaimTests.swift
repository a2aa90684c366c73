import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@Suite("Claims under contention")
struct ClaimTests {
    static func team(engineers: Int, wip: Int = 2, actions: Int, in db: Database) async throws {
        try await TeamStore(database: db).create(Team(key: "CORE", name: "Core", wipLimit: wip), actor: "t")
        for n in 1...engineers {
            try await TeamStore(database: db).addEngineer(
                Engineer(handle: "e\(n)", displayName: "Engineer \(n)", team: "CORE"), actor: "t")
        }
        for n in 1...actions {
            _ = try await ActionStore(database: db).add(title: "Item \(n)", team: "CORE", changes: .init(), actor: "t")
        }
    }

    enum Outcome: Sendable, Equatable {
        case won
        case lost(String)
    }

    @Test func thirtyTwoEngineersClaimOneItemAndExactlyOneWins() async throws {
        try await TestDatabase.withFresh { fresh in
            try await Self.team(engineers: 32, actions: 1, in: fresh.database)
            let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
                for n in 1...32 {
                    group.addTask {
                        try await fresh.withSeparateConnection { db in
                            do {
                                try await ClaimStore(database: db).claim("ACT-1", by: "e\(n)")
                                return .won
                            } catch let error as StoreError where error.kind == .conflict {
                                return .lost(error.message)
                            }
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .won }.count == 1)
            let winner = try await ActionStore(database: fresh.database).get("ACT-1").claimedBy
            #expect(outcomes.filter { $0 == .lost("ACT-1 is already claimed by \(winner ?? "?")") }.count == 31)
            #expect(
                try await Fixtures.count(
                    "SELECT count(*)::int FROM audit_entries WHERE verb = 'claim'", in: fresh.database) == 1)
        }
    }

    @Test func oneEngineerClaimingManyItemsAtOnceStaysWithinTheWIPLimit() async throws {
        try await TestDatabase.withFresh { fresh in
            try await Self.team(engineers: 1, wip: 3, actions: 16, in: fresh.database)
            let won = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 1...16 {
                    group.addTask {
                        try await fresh.withSeparateConnection { db in
                            do {
                                try await ClaimStore(database: db).claim("ACT-\(n)", by: "e1")
                                return true
                            } catch let error as StoreError where error.kind == .conflict {
                                #expect(
                                    error.message.hasPrefix(
                                        "e1 already holds 3 claimed items, the team's WIP limit of 3"))
                                return false
                            }
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(won == 3)
            #expect(
                try await Fixtures.count(
                    "SELECT count(*)::int FROM actions WHERE status = 'claimed'", in: fresh.database) == 3)
        }
    }

    @Test func onlyTheClaimantOrAManagerMayReleaseOrComplete() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Self.team(engineers: 2, actions: 2, in: db)
            let claims = ClaimStore(database: db)
            try await claims.claim("ACT-1", by: "e1")
            await #expect(throws: StoreError.conflict("ACT-1 is claimed by e1; only they or a manager may release it"))
            {
                try await claims.release("ACT-1", as: .engineer("e2"))
            }
            await #expect(
                throws: StoreError.conflict("ACT-1 is claimed by e1; only they or a manager may mark it done")
            ) {
                try await claims.done("ACT-1", as: .engineer("e2"))
            }
            try await claims.release("ACT-1", as: .manager("boss"))
            try await claims.claim("ACT-1", by: "e2")
            try await claims.done("ACT-1", as: .engineer("e2"))
            await #expect(throws: StoreError.conflict("ACT-1 is done; only open items can be claimed")) {
                try await claims.claim("ACT-1", by: "e1")
            }
            await #expect(throws: StoreError.notFound("no engineer nobody", field: "engineer")) {
                try await claims.claim("ACT-2", by: "nobody")
            }
            await #expect(throws: StoreError.notFound("no action ACT-9")) { try await claims.claim("ACT-9", by: "e1") }
            let history = try await claims.history("ACT-1").map { "\($0.actor) \($0.verb)" }
            #expect(history == ["t action.add", "e1 claim", "boss release", "e2 claim", "e2 done"])
        }
    }

    /// In the extended protocol PostgreSQL commits a lone statement at the Sync after it, so its
    /// rows reach the client before the commit has happened; a commit that then fails (the server
    /// shutting down, a deferred check) must not be answered as a claim. A deferred constraint
    /// trigger that refuses every commit makes that failure certain.
    @Test func aClaimOrReleaseWhoseCommitFailsIsNotAcknowledged() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Self.team(engineers: 1, actions: 2, in: db)
            let claims = ClaimStore(database: db)
            try await claims.claim("ACT-2", by: "e1")
            for sql in [
                "CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'commit refused'; END $$",
                """
                CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON audit_entries
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_commit()
                """,
            ] {
                try await db.client.query(PostgresQuery(unsafeSQL: sql), logger: db.logger)
            }
            await #expect(throws: (any Error).self) { try await claims.claim("ACT-1", by: "e1") }
            await #expect(throws: (any Error).self) { try await claims.release("ACT-2", as: .engineer("e1")) }
            await #expect(throws: (any Error).self) { try await claims.done("ACT-2", as: .manager("boss")) }
            #expect(try await ActionStore(database: db).get("ACT-1").status == .open)
            #expect(try await ActionStore(database: db).get("ACT-2").status == .claimed)
            #expect(
                try await Fixtures.count("SELECT count(*)::int FROM audit_entries WHERE verb = 'claim'", in: db) == 1)
        }
    }
}

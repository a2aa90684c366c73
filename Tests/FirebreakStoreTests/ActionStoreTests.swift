import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@Suite("Actions")
struct ActionStoreTests {
    @Test func addLinkSetAndUnlink() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Fixtures.importReport(ReportImportTests.report, into: db)
            let store = ActionStore(database: db)
            var changes = ActionStore.Changes()
            changes.kind = .mitigate
            changes.estimate = 3
            let key = try await store.add(title: "Shed load at the edge", team: "CORE", changes: changes, actor: "t")
            try await store.link(key, to: "INC-7", coverage: 0.25, actor: "t")
            var set = ActionStore.Changes()
            set.due = CalendarDate("2026-12-01")
            set.dependsOn = ["ACT-12"]
            try await store.set(key, changes: set, actor: "t")
            var item = try await store.get(key)
            #expect(item.kind == .mitigate && item.estimate == 3 && item.due == CalendarDate("2026-12-01"))
            #expect(item.links == [Action.Link(incident: "INC-7", coverage: 0.25)])
            #expect(item.dependsOn == ["ACT-12"])
            try await store.unlink(key, from: "INC-7", actor: "t")
            item = try await store.get(key)
            #expect(item.links.isEmpty)
            #expect(
                try await Fixtures.count("SELECT count(*)::int FROM audit_entries WHERE subject = \(key)", in: db) == 4)
        }
    }

    @Test func badChangesAreRefusedAndChangeNothing() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Fixtures.importReport(ReportImportTests.report, into: db)
            let store = ActionStore(database: db)
            await #expect(throws: StoreError.invalid("coverage 2 must be from 0.001 to 1")) {
                try await store.link("ACT-1", to: "INC-7", coverage: 2, actor: "t")
            }
            await #expect(throws: StoreError.notFound("no action ACT-404")) {
                try await store.link("ACT-404", to: "INC-7", coverage: 1, actor: "t")
            }
            var cycle = ActionStore.Changes()
            cycle.dependsOn = ["ACT-12"]
            try await store.set("ACT-1", changes: cycle, actor: "t")
            cycle.dependsOn = ["ACT-1"]
            cycle.estimate = 8
            await #expect(throws: StoreError.invalid("ACT-12 cannot depend on ACT-1: ACT-1 already depends on ACT-12"))
            {
                try await store.set("ACT-12", changes: cycle, actor: "t")
            }
            #expect(try await store.get("ACT-12").estimate == 5)
            var bad = ActionStore.Changes()
            bad.category = "nope"
            await #expect(throws: StoreError.invalid("unknown category \"nope\"")) {
                try await store.set("ACT-1", changes: bad, actor: "t")
            }
        }
    }

    @Test func teamsAndEngineersAreValidated() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            let teams = TeamStore(database: db)
            try await Fixtures.team(in: db)
            await #expect(throws: StoreError.conflict("team CORE already exists", field: "key")) {
                try await teams.create(Team(key: "CORE", name: "again"), actor: "t")
            }
            await #expect(throws: StoreError.self) { try await teams.create(Team(key: "core", name: "x"), actor: "t") }
            try await teams.addEngineer(
                Engineer(handle: "alice", displayName: "Alice", email: "alice@example.com", team: "CORE"), actor: "t")
            await #expect(throws: StoreError.conflict("engineer alice already exists in CORE", field: "handle")) {
                try await teams.addEngineer(Engineer(handle: "alice", displayName: "A", team: "CORE"), actor: "t")
            }
            await #expect(throws: StoreError.notFound("no team \"OPS\"; teams: CORE", field: "team")) {
                try await teams.addEngineer(Engineer(handle: "bob", displayName: "Bob", team: "OPS"), actor: "t")
            }
            #expect(try await teams.engineers(team: "CORE").map(\.handle) == ["alice"])
        }
    }
}

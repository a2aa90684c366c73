import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

/// A code the database holds that Firebreak does not know (a kind, a status, a role) is an error that
/// names the column, never read as some default.
@Suite("Stored codes")
struct StoredCodeTests {
    @Test func anUnknownStoredKindIsAnErrorNotADefault() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let key = try await ActionStore(database: db).add(
                title: "Alert on queue depth", team: "CORE", changes: ActionStore.Changes(), actor: "t")
            // What a newer Firebreak, or a hand-written row, might leave behind.
            try await db.client.query("ALTER TABLE actions DROP CONSTRAINT actions_kind_check", logger: db.logger)
            try await db.client.query("UPDATE actions SET kind = 'monitor' WHERE key = \(key)", logger: db.logger)
            for read in ["get", "list", "rank"] {
                do {
                    switch read {
                    case "get": _ = try await ActionStore(database: db).get(key)
                    case "list": _ = try await ActionStore(database: db).list(team: "CORE", statuses: [])
                    default: _ = try await BacklogStore(database: db).rank(team: "CORE", asOf: Date())
                    }
                    Issue.record("\(read) read an unknown kind")
                } catch let error as StoreError {
                    #expect(error.kind == .internal, "\(read)")
                    #expect(error.message == "actions.kind holds monitor, which is not a known ActionKind", "\(read)")
                }
            }
        }
    }
}

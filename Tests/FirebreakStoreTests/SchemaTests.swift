import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@Suite("Schema and migrations")
struct SchemaTests {
    /// A user's embedded cluster takes 300 connections (at PostgreSQL's default of 100, a server and a
    /// few CLIs ran out), and the tests' 1,000: their pools at once were refused ("sorry, too many
    /// clients already") at 100 and again at 300.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FIREBREAK_TEST_DATABASE_URL"] == nil))
    func theEmbeddedClusterTakesEnoughConnections() async throws {
        #expect(EmbeddedCluster(home: "/tmp/fb-any").maximumConnections == 300)
        try await TestDatabase.withFresh { fresh in
            let rows = try await fresh.database.client.query("SHOW max_connections", logger: fresh.database.logger)
            var setting: String?
            for try await value in rows.decode(String.self) { setting = value }
            #expect(setting == "1000")
        }
    }

    /// Plan bodies are compressed with lz4 where the server has it (0016), else with pglz.
    @Test func planBodiesAreCompressedWithLz4WhereTheServerHasIt() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            let hasLz4 = try await db.client.withConnection { c in
                (try? await c.query("SET default_toast_compression = 'lz4'", logger: db.logger)) != nil
            }
            let rows = try await db.client.query(
                "SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'plans'::regclass AND attname = 'body'",
                logger: db.logger)
            var method: String?
            for try await value in rows.decode(String.self) { method = value }
            #expect(method == (hasLz4 ? "l" : ""))
        }
    }

    @Test func twoConcurrentMigratorsApplyEachMigrationOnce() async throws {
        try await TestDatabase.withFresh(migrated: false) { fresh in
            let db = fresh.database
            async let a = Migrator(database: db).migrate()
            async let b = Migrator(database: db).migrate()
            let (first, second) = try await (a, b)
            let bundled = try Migrator.bundled().map(\.name)
            #expect((first + second).sorted() == bundled.sorted())
            #expect(try await Fixtures.count("SELECT count(*)::int FROM schema_migrations", in: db) == bundled.count)
            #expect(try await Migrator(database: db).migrate() == [])
            let status = try await Migrator(database: db).status()
            #expect(status.allSatisfy { $0.appliedAt != nil })
        }
    }

    @Test func aChangedMigrationIsRefused() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await db.client.query("UPDATE schema_migrations SET checksum = 'x' WHERE version = 1")
            await #expect(
                throws: StoreError.invalid(
                    "migration 0001_domain.sql has changed since it was applied; add a new migration instead")
            ) { try await Migrator(database: db).migrate() }
        }
    }

    @Test func theSchemaEnforcesItsRules() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Fixtures.importReport(ReportImportTests.report, into: db)
            let rejected: [PostgresQuery] = [
                "UPDATE action_incidents SET coverage = 0",
                "UPDATE action_incidents SET coverage = 1.5",
                "UPDATE actions SET status = 'claimed' WHERE key = 'ACT-1'",
                "UPDATE actions SET estimate = -1",
                "UPDATE incidents SET severity = NULL",
                "UPDATE teams SET ticket_weight = -2",
                """
                INSERT INTO plans (team_id, number, as_of, parameters, body, created_by,
                    unplanned_keys, unplanned_ranks, unplanned_values, unplanned_efforts)
                VALUES (1, 0, now(), '{}', '{}', 'x', '{}', '{}', '{}', '{}')
                """,
            ]
            for query in rejected {
                await #expect(throws: PSQLError.self, "\(query.sql)") { try await db.client.query(query) }
            }
        }
    }

    @Test func storedPlansCannotBeChangedOrDeleted() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await db.client.query(
                """
                INSERT INTO plans (team_id, number, as_of, parameters, body, created_by,
                    unplanned_keys, unplanned_ranks, unplanned_values, unplanned_efforts)
                SELECT id, 1, now(), '{}', '{"sprints": []}', 'test', '{}', '{}', '{}', '{}' FROM teams
                """)
            await #expect(throws: PSQLError.self) { try await db.client.query("UPDATE plans SET number = 2") }
            await #expect(throws: PSQLError.self) { try await db.client.query("DELETE FROM plans") }
            #expect(try await Fixtures.count("SELECT number FROM plans", in: db) == 1)
        }
    }

    /// An import's own rows, not yet committed, are not in the statistics that autovacuum's ANALYZE
    /// takes meanwhile: the table then looks like one row over many pages. The audit rows (0018)
    /// still look each dependency up by its key: with the join of 0012 the planner walked every
    /// action for each audit row (20,000 actions: hours instead of a fraction of a second).
    @Test func auditRowsLookDependenciesUpWhateverTheStatisticsSay() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await db.client.withConnection { importing in
                try await importing.query("BEGIN", logger: db.logger)
                try await importing.query(
                    """
                    INSERT INTO actions (key, title, team_id)
                    SELECT 'X-' || g, 'an imported action', (SELECT id FROM teams) FROM generate_series(1, 20000) g
                    """, logger: db.logger)
                try await importing.query(
                    """
                    INSERT INTO action_dependencies (action_id, depends_on_id)
                    SELECT a.id, b.id FROM actions a JOIN actions b ON b.key = 'X-1' WHERE a.key IN ('X-2', 'X-3')
                    """, logger: db.logger)
                try await db.client.query("ANALYZE actions", logger: db.logger)  // another session, as autovacuum
                try await importing.query("SET LOCAL statement_timeout = '60s'", logger: db.logger)
                let rows = try await importing.query(
                    """
                    SELECT (count(*) FILTER (WHERE action_audit_row(x)->'depends_on' = '["X-1"]'))::int
                    FROM actions x
                    """, logger: db.logger)
                for try await count in rows.decode(Int.self) { #expect(count == 2) }
                try await importing.query("ROLLBACK", logger: db.logger)
            }
        }
    }
}

import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

/// The database's refusals in Firebreak's words: every constraint of the schema has words and a
/// field, and a statement PostgreSQL refuses is reported without its message or the row.
@Suite("Database errors in Firebreak's words")
struct DatabaseTranslateTests {
    /// Every constraint and unique index of the migrated schema is in the table of words, so that a
    /// new migration's constraint cannot reach a user as PostgreSQL's message.
    @Test func everyConstraintOfTheSchemaHasWords() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            let rows = try await db.client.query(
                """
                SELECT c.conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                WHERE n.nspname = current_schema() AND c.contype IN ('c', 'u', 'f', 'p', 'x')
                UNION
                SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_namespace n ON n.oid = i.relnamespace
                WHERE n.nspname = current_schema() AND x.indisunique
                    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                """, logger: db.logger)
            var names: [String] = []
            for try await name in rows.decode(String.self) where name != "schema_migrations_pkey" {
                names.append(name)
            }
            #expect(names.count > 60)
            let missing = names.filter { ConstraintWords.of($0) == nil }.sorted()
            #expect(missing.isEmpty, "constraints without words in Database+Translate.swift: \(missing)")
        }
    }

    /// Statements the stores' own checks would stop, sent straight to the database: the error
    /// names the field and says what is wrong, and holds none of the row.
    @Test(arguments: [
        (
            "UPDATE actions SET title = repeat('secret-row-text ', 40) WHERE key = 'ACT-1'",
            StoreError.invalid("title must be 1 to 500 characters", field: "title")
        ),
        (
            "UPDATE teams SET wip_limit = 0", StoreError.invalid("WIP limit must be at least 1", field: "wipLimit")
        ),
        (
            "UPDATE actions SET external_key = 'OPS-1'",
            StoreError.conflict("this Jira key is already on another action", field: "externalKey")
        ),
        (
            "UPDATE teams SET wip_limit = 2147483648",
            StoreError.invalid("a number is out of the range Firebreak can store or compute with")
        ),
        (
            "UPDATE actions SET title = NULL", StoreError.invalid("title is required", field: "title")
        ),
        (
            "UPDATE actions SET category_key = 'secret-category'",
            StoreError.invalid("unknown category", field: "category")
        ),
    ])
    func refusalsAreTranslated(statement: String, expected: StoreError) async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let store = ActionStore(database: db)
            for title in ["secret-row-text one", "secret-row-text two"] {
                _ = try await store.add(title: title, team: "CORE", changes: .init(), actor: "test")
            }
            let error = await #expect(throws: StoreError.self) {
                try await db.transaction { connection in
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: db.logger)
                }
            }
            #expect(error == expected)
            #expect(error?.message.contains("secret") == false)
        }
    }

    /// A NUL in a bound value (an import of a file that holds one) was `database error 22021`.
    @Test func aNULIsRefusedInWords() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let title = "a\u{0}b"
            let error = await #expect(throws: StoreError.self) {
                try await db.transaction { connection in
                    try await connection.query("UPDATE teams SET name = \(title)", logger: db.logger)
                }
            }
            #expect(
                error == .invalid("text holds a NUL character or bytes that are not UTF-8, which cannot be stored"))
        }
    }

    /// Names already taken are found before the database refuses them, and said with the owner.
    @Test func takenNamesAreNamedWithTheirField() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let tokens = TokenStore(database: db)
            _ = try await tokens.create(name: "laptop", role: .viewer, engineer: nil, actor: "test")
            try await tokens.revoke(name: "laptop", actor: "test")
            await #expect(
                throws: StoreError.conflict(
                    "a token named laptop already exists (a revoked token keeps its name); choose another name",
                    field: "name")
            ) { _ = try await tokens.create(name: "laptop", role: .viewer, engineer: nil, actor: "test") }
            await #expect(throws: StoreError.invalid("token name must be 1 to 100 characters", field: "name")) {
                _ = try await tokens.create(
                    name: String(repeating: "n", count: 101), role: .viewer, engineer: nil, actor: "test")
            }
            let actions = ActionStore(database: db)
            var jira = ActionStore.Changes()
            jira.externalKey = "OPS-12"
            let first = try await actions.add(title: "one", team: "CORE", changes: jira, actor: "test")
            let second = try await actions.add(title: "two", team: "CORE", changes: .init(), actor: "test")
            await #expect(
                throws: StoreError.conflict("Jira key OPS-12 is already on \(first)", field: "externalKey")
            ) { try await actions.set(second, changes: jira, actor: "test") }
            // Setting an action's own key again is no conflict.
            try await actions.set(first, changes: jira, actor: "test")
        }
    }

    @Test func columnsAreNamedAsTheAPINamesThem() {
        #expect(ConstraintWords.field(ofColumn: "title") == "title")
        #expect(ConstraintWords.field(ofColumn: "display_name") == "displayName")
        #expect(ConstraintWords.field(ofColumn: "team_id") == "team")
        #expect(ConstraintWords.field(ofColumn: "category_key") == "category")
        #expect(ConstraintWords.field(ofColumn: "external_key") == "externalKey")
        #expect(ConstraintWords.field(ofColumn: "due_on") == "due")
        #expect(ConstraintWords.field(ofColumn: "sprint_length_days") == "sprintLengthDays")
    }
}

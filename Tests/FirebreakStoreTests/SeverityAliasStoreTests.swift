import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@Suite("Severity aliases in the store")
struct SeverityAliasStoreTests {
    @Test func setRemoveAndReadBack() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let teams = TeamStore(database: db)
            #expect(try await teams.get("CORE").severityAliases == [:])
            try await teams.update("CORE", actor: "t") {
                $0.setSeverityAlias("Critical", to: .sev1)
                $0.setSeverityAlias("Major", to: .sev2)
            }
            #expect(try await teams.get("CORE").severityAliases == ["critical": .sev1, "major": .sev2])
            #expect(
                try await Fixtures.count(
                    #"SELECT count(*)::int FROM teams WHERE severity_aliases = '{"critical": 1, "major": 2}'"#, in: db)
                    == 1)
            try await teams.update("CORE", actor: "t") {
                $0.setSeverityAlias("critical", to: nil)
                $0.setSeverityAlias("Minor", to: .sev4)
            }
            let team = try await teams.get("CORE")
            #expect(team.severityAliases == ["major": .sev2, "minor": .sev4])
            #expect(team.severity(named: "MAJOR") == .sev2 && team.severity(named: "Critical") == nil)
            let rows = try await db.client.query(
                "SELECT details::text FROM audit_entries WHERE verb = 'team.set' ORDER BY id")
            var details: [String] = []
            for try await text in rows.decode(String.self) { details.append(text) }
            #expect(
                details == [
                    #"{"alias major": {"after": "SEV2", "before": null}, "alias critical": {"after": "SEV1", "before": null}}"#,
                    #"{"alias minor": {"after": "SEV4", "before": null}, "alias critical": {"after": null, "before": "SEV1"}}"#,
                ])
        }
    }

    @Test func theImportReadsTheTableInItsTransaction() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await TeamStore(database: db).update("CORE", actor: "t") { $0.setSeverityAlias("Critical", to: .sev1) }
            let aliases = try await db.transaction { connection in
                let rows = try await connection.query("SELECT id FROM teams WHERE key = 'CORE'", logger: db.logger)
                var id = 0
                for try await found in rows.decode(Int.self) { id = found }
                return try await TeamStore.severityAliases(teamID: id, on: connection, logger: db.logger)
            }
            #expect(aliases == ["critical": .sev1])
            #expect(Team.severity(named: " CRITICAL ", aliases: aliases) == .sev1)
            await #expect(throws: StoreError.notFound("no team with id 999")) {
                try await db.transaction { connection in
                    try await TeamStore.severityAliases(teamID: 999, on: connection, logger: db.logger)
                }
            }
        }
    }

    @Test func badAliasesAreRefusedAndChangeNothing() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let teams = TeamStore(database: db)
            try await teams.update("CORE", actor: "t") { $0.setSeverityAlias("Critical", to: .sev1) }
            await #expect(
                throws: StoreError.invalid(
                    "severity alias \"p2\" already means SEV2 on the named scale", field: "severityAliases")
            ) {
                try await teams.update("CORE", actor: "t") {
                    $0.setSeverityAlias("Major", to: .sev2)
                    $0.setSeverityAlias("P2", to: .sev3)
                }
            }
            #expect(try await teams.get("CORE").severityAliases == ["critical": .sev1])
            await #expect(throws: StoreError.invalid("a severity alias is empty", field: "severityAliases")) {
                try await teams.create(Team(key: "OPS", name: "Ops", severityAliases: ["": .sev1]), actor: "t")
            }
            #expect(try await teams.list().map(\.key) == ["CORE"])
        }
    }

    /// The schema holds the table's shape too, for writers other than Firebreak.
    @Test(arguments: [
        #"'[]'"#, #"'{"critical": 5}'"#, #"'{"critical": "1"}'"#, #"'{"": 1}'"#, #"'{" critical": 1}'"#,
        #"'{"critical": 1.5}'"#,
    ])
    func theSchemaRefusesAMalformedTable(_ literal: String) async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            await #expect(throws: PSQLError.self) {
                try await db.client.query(PostgresQuery(unsafeSQL: "UPDATE teams SET severity_aliases = \(literal)"))
            }
        }
    }
}

import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

/// `action set` records what it changed: each field's value before and after, and nothing else.
@Suite("Action audit: before and after")
struct ActionAuditTests {
    @Test func aChangeRecordsEachFieldBeforeAndAfter() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await TeamStore(database: db).create(Team(key: "CORE", name: "Core"), actor: "t")
            let store = ActionStore(database: db)
            var first = ActionStore.Changes()
            first.estimate = 5
            let dependency = try await store.add(title: "Runbook", team: "CORE", changes: .init(), actor: "t")
            let key = try await store.add(title: "Alert on queue age", team: "CORE", changes: first, actor: "t")

            var change = ActionStore.Changes()
            change.estimate = 13
            change.title = "Page on queue age"
            change.dependsOn = [dependency]
            try await store.set(key, changes: change, actor: "amara")
            var same = ActionStore.Changes()
            same.estimate = 13
            try await store.set(key, changes: same, actor: "amara")

            let history = try await ClaimStore(database: db).history(key).filter { $0.verb == "action.set" }
            #expect(history.count == 2)
            #expect(
                history.first?.details
                    == #"{"title": {"after": "Page on queue age", "before": "Alert on queue age"}, "estimate": {"after": 13, "before": 5}, "depends_on": {"after": ["\#(dependency)"], "before": []}}"#
            )
            #expect(
                history.first?.summary
                    == #"depends on [] → ["\#(dependency)"]; estimate 5 → 13; title "Alert on queue age" → "Page on queue age""#
            )
            #expect(history.last?.details == "", "a change that changed nothing records no values")
        }
    }

    @Test func anImportIsInTheHistoryOfEveryActionItLists() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let outcome = try await Fixtures.importReport(ReportImportTests.report, file: "inc-7.md", into: db)
            #expect(outcome.links > 0)
            let linked = try await Fixtures.count("SELECT count(*) FROM action_incidents", in: db)
            let entries = try await Fixtures.count(
                "SELECT count(*) FROM audit_entries WHERE verb = 'action.import'", in: db)
            #expect(entries == linked)
            let history = try await ClaimStore(database: db).history("ACT-12")
            #expect(history.map(\.verb).contains("action.import"), "\(history)")
            #expect(
                history.first { $0.verb == "action.import" }?.summary
                    == #"category key none → "capacity"; due on none → "2026-04-01"; estimate none → 5; "#
                    + #"key none → "ACT-12"; kind none → "prevent"; report "INC-7"; source "inc-7.md"; "#
                    + #"status none → "open"; team none → "CORE"; title none → "Autoscale the booking API on request rate""#
            )
        }
    }

    @Test func aTeamChangeRecordsEachSettingBeforeAndAfter() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            let teams = TeamStore(database: db)
            try await teams.create(Team(key: "CORE", name: "Core"), actor: "t")
            try await teams.update("CORE", actor: "amara") {
                $0.wipLimit = 3
                $0.setSeverityAlias("Critical", to: .sev1)
            }
            let query = "SELECT details::text FROM audit_entries WHERE verb = 'team.set' ORDER BY id"
            #expect(
                try await Fixtures.rows(of: ["team.set": query], in: db)["team.set"] == [
                    #"{"wip_limit": {"after": 3, "before": 2}, "alias critical": {"after": "SEV1", "before": null}}"#
                ])
        }
    }
}

import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@Suite("Report import")
struct ReportImportTests {
    static let report = """
        # INC-7: Booking API returned 502s during the Monday peak

        - **Description:** Online booking failed for most salons.
        - **Date:** 2026-03-02 08:55 UTC
        - **Outage time:** 01:47
        - **Severity:** SEV2
        - **Detected by:** customer
        - **Number of support tickets raised:** 38
        - **Affected functionality:** Online booking, Payments
        - **Categories:** capacity, monitoring
        - **Team:** CORE

        ## Explanation of the problem
        The pool ran dry.

        ## Investigations
        Graphs.

        ## Preventative measures and actions
        - [detect] Alert when the booking API 5xx rate is above 2% for 5 minutes (estimate: 2)
        - [prevent] ACT-12: Autoscale the booking API on request rate (estimate: 5, coverage: 0.5, due: 2026-04-01)
        """

    @Test func importsIncidentActionsAndLinks() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let outcome = try await Fixtures.importReport(Self.report, into: db)
            #expect(
                outcome
                    == ImportOutcome(
                        incident: "INC-7", created: true, status: .published, actionsCreated: 2, actionsUpdated: 0,
                        links: 2))
            let items = try await ActionStore(database: db).list(team: "CORE")
            // ACT-12 was named, so the assigned key skips past it only for later actions: the first gets ACT-1.
            #expect(items.map(\.key) == ["ACT-1", "ACT-12"])
            #expect(items[1].links == [Action.Link(incident: "INC-7", coverage: 0.5)])
            #expect(items[1].due == CalendarDate("2026-04-01"))
            #expect(items[0].kind == .detect && items[0].estimate == 2 && items[0].category == "capacity")
            let next = try await ActionStore(database: db).add(
                title: "Another", team: "CORE", changes: .init(), actor: "test")
            #expect(next == "ACT-13")
        }
    }

    /// A severity on no named scale is missing until the team maps it; a misspelt field is a warning
    /// naming the nearest field, and neither becomes the description.
    @Test func severityAliasesAndMisspeltFieldsWarnInsteadOfGuessing() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let text = """
                # INC-40: Queue stalled

                - **Date:** 2026-03-02 08:55
                - **Outage tim:** 01:00
                - **Severity:** Critical
                - **Number of support tickets raised:** 3

                ## Action items
                - [ ] Alert on queue depth
                """
            let first = try await Fixtures.importReport(text, file: "q.md", into: db)
            #expect(first.status == .draft && first.missing == ["outage time", "severity"])
            #expect(first.warnings.map(\.line) == [4, 5])
            #expect(first.warnings[0].message.contains("did you mean \"Outage time\"?"))
            #expect(first.warnings[1].message.contains("--severity-alias \"Critical=SEV1\""))
            #expect(try await IncidentStore(database: db).report("INC-40").description == "")
            try await TeamStore(database: db).update("CORE", actor: "t") { $0.setSeverityAlias("critical", to: .sev1) }
            let again = try await Fixtures.importReport(text, file: "q.md", into: db)
            #expect(again.missing == ["outage time"] && again.warnings.count == 1)
            #expect(try await IncidentStore(database: db).report("INC-40").severity == .sev1)
        }
    }

    @Test func reimportIsIdempotent() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Fixtures.importReport(Self.report, into: db)
            let again = try await Fixtures.importReport(Self.report, into: db)
            #expect(again.created == false && again.actionsCreated == 0 && again.actionsUpdated == 2)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM incidents", in: db) == 1)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == 2)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM action_incidents", in: db) == 2)
        }
    }

    @Test func exportedReportImportsToTheSameData() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Fixtures.importReport(Self.report, into: db)
            let stored = try await IncidentStore(database: db).report("INC-7")
            let markdown = OutageReportWriter.markdown(stored)
            let outcome = try await Fixtures.importReport(markdown, file: "exported.md", into: db)
            #expect(outcome.actionsCreated == 0)
            let again = try await IncidentStore(database: db).report("INC-7")
            #expect(again == stored)
            #expect(OutageReportWriter.markdown(again) == markdown)
            #expect(stored.actions.map(\.key) == ["ACT-1", "ACT-12"])
            #expect(stored.actions[1].coverage == 0.5)
        }
    }

    @Test func unknownActionKeyNamesTheLineAndWritesNothing() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let text = Self.report + "\n- ACT-99 (coverage: 0.5)\n"
            await #expect(
                throws: ReportError(
                    file: "report.md", line: 22,
                    reason:
                        "unknown action ACT-99; give it a kind and a title to create it: '- [prevent] ACT-99: title'")
            ) {
                try await Fixtures.importReport(text, into: db)
            }
            #expect(try await Fixtures.count("SELECT count(*)::int FROM incidents", in: db) == 0)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == 0)
            #expect(try await Fixtures.count("SELECT last::int FROM key_counters WHERE prefix = 'ACT'", in: db) == 0)
        }
    }

    @Test func unknownTeamAndCategoryNameTheirLines() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let badTeam = Self.report.replacingOccurrences(of: "**Team:** CORE", with: "**Team:** OPS")
            await #expect(
                throws: ReportError(
                    file: "report.md", line: 11,
                    reason: "unknown team \"OPS\"; create it with `firebreak team create OPS --name NAME`")
            ) { try await Fixtures.importReport(badTeam, into: db) }
            let badCategory = Self.report.replacingOccurrences(of: "capacity, monitoring", with: "capacity, dns")
            await #expect(
                throws: ReportError(
                    file: "report.md", line: 10,
                    reason: "unknown category \"dns\"; known: build, capacity, dependencies, deploy, monitoring")
            ) { try await Fixtures.importReport(badCategory, into: db) }
            #expect(try await Fixtures.count("SELECT count(*)::int FROM incidents", in: db) == 0)
        }
    }

    @Test func linksRemovedFromTheReportAreUnlinkedButTheActionStays() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Fixtures.importReport(Self.report, into: db)
            let shorter = Self.report.components(separatedBy: "\n").dropLast().joined(separator: "\n")
            let outcome = try await Fixtures.importReport(shorter, into: db)
            #expect(outcome.links == 1)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM action_incidents", in: db) == 1)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == 2)
        }
    }

    @Test func keylessReportsAreMatchedByTitleOnReimport() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let text = "# Checkout was slow\n\n## Action items\n- Add a cache\n- Alert on p99\n"
            let first = try await Fixtures.importReport(text, file: "slow.md", into: db)
            let second = try await Fixtures.importReport(text, file: "slow.md", into: db)
            #expect(first.incident == "INC-1" && first.created && first.status == .draft)
            #expect(second.incident == "INC-1" && !second.created && second.actionsCreated == 0)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == 2)
        }
    }
}

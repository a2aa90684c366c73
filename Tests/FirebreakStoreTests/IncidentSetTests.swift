import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

/// `firebreak incident set` and the API's PATCH, at the store: filling in what a report did not state.
@Suite("Incident set")
struct IncidentSetTests {
    /// A draft as an import leaves it: a date and who noticed it, but no outage time, severity or tickets.
    static func draft(_ key: String = "INC-7", in db: Database) async throws {
        try await db.client.query(
            """
            INSERT INTO incidents (key, title, started_at, detected_by, status, team_id)
            SELECT \(key), 'Booking API returned 502s', '2026-03-02 08:55+00', 'staff', 'draft', id
            FROM teams WHERE key = 'CORE'
            """)
    }

    /// A published incident: every number scoring needs.
    static func published(_ key: String = "INC-8", in db: Database) async throws {
        try await db.client.query(
            """
            INSERT INTO incidents (key, title, started_at, outage_minutes, severity, tickets, detected_by, status, team_id)
            SELECT \(key), 'Payments were slow', '2026-04-01 10:00+00', 45, 3, 2, 'alert', 'published', id
            FROM teams WHERE key = 'CORE'
            """)
    }

    /// Everything about an incident that an update may change, and its audit entries, as text.
    static func snapshot(_ key: String, in db: Database) async throws -> String {
        let rows = try await db.client.query(
            """
            SELECT row(i.title, i.description, i.started_at, i.outage_minutes, i.severity, i.detected_by, i.tickets,
                i.status, i.version)::text || ' ' || (SELECT count(*) FROM audit_entries WHERE subject = i.key)
            FROM incidents i WHERE i.key = \(key)
            """)
        for try await text in rows.decode(String.self) { return text }
        return "none"
    }

    /// The details of the incident's audit entries, newest last, as JSON objects.
    static func audits(_ key: String, in db: Database) async throws -> [[String: Any]] {
        let rows = try await db.client.query(
            "SELECT details::text FROM audit_entries WHERE subject = \(key) AND verb = 'incident.set' ORDER BY id")
        var result: [[String: Any]] = []
        for try await text in rows.decode(String.self) {
            result.append(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:])
        }
        return result
    }

    @Test func fillingInADraftPublishesItAndAuditsEachValue() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Self.draft(in: db)
            let store = IncidentStore(database: db)
            var partial = IncidentStore.Changes()
            partial.severity = .sev2
            partial.outageMinutes = 90
            let first = try await store.update("INC-7", changes: partial, actor: "manager")
            #expect(first.status == .draft && first.missing == ["number of support tickets raised"])
            #expect(first.changes.map(\.field) == [.outageMinutes, .severity])
            #expect(try await Fixtures.count("SELECT count(*)::int FROM incidents WHERE status = 'draft'", in: db) == 1)

            var rest = IncidentStore.Changes()
            rest.tickets = 14
            rest.detectedBy = .customer
            rest.startedAt = ReportDate.parse("2026-03-02 09:10 UTC")
            rest.severity = .sev2  // as stored already: not audited
            let second = try await store.update(
                "INC-7", changes: rest, expectedVersion: first.version, actor: "manager")
            #expect(second.status == .published && second.missing.isEmpty && second.version == first.version + 1)
            #expect(second.changes.map(\.field) == [.startedAt, .detectedBy, .tickets, .status])
            #expect(
                try await Fixtures.count(
                    """
                    SELECT count(*)::int FROM incidents WHERE key = 'INC-7' AND status = 'published' AND tickets = 14
                        AND severity = 2 AND outage_minutes = 90 AND detected_by = 'customer'
                        AND started_at = '2026-03-02 09:10+00'
                    """, in: db) == 1)

            let audits = try await Self.audits("INC-7", in: db)
            #expect(audits.count == 2)
            #expect(Set(audits[0].keys) == ["outageMinutes", "severity"])
            let severity = try #require(audits[0]["severity"] as? [String: Any])
            #expect(severity["before"] is NSNull && severity["after"] as? String == "SEV2")
            #expect((audits[0]["outageMinutes"] as? [String: Any])?["after"] as? Int == 90)
            #expect(Set(audits[1].keys) == ["startedAt", "detectedBy", "tickets", "status"])
            let started = try #require(audits[1]["startedAt"] as? [String: Any])
            #expect(started["before"] as? String == "2026-03-02T08:55:00Z")
            #expect(started["after"] as? String == "2026-03-02T09:10:00Z")
            #expect((audits[1]["detectedBy"] as? [String: Any])?["before"] as? String == "staff")
            let status = try #require(audits[1]["status"] as? [String: Any])
            #expect(status["before"] as? String == "draft" && status["after"] as? String == "published")

            let history = try await store.history("INC-7")
            #expect(history.map(\.verb) == ["incident.set", "incident.set"])
            #expect(history.allSatisfy { $0.actor == "manager" })
        }
    }

    @Test func aChangeOfNothingWritesNothing() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Self.published(in: db)
            let before = try await Self.snapshot("INC-8", in: db)
            var same = IncidentStore.Changes()
            same.severity = .sev3
            same.tickets = 2
            same.title = "Payments were slow"
            let outcome = try await IncidentStore(database: db).update("INC-8", changes: same, actor: "t")
            #expect(outcome.changes.isEmpty && outcome.version == 1 && outcome.status == .published)
            #expect(try await Self.snapshot("INC-8", in: db) == before)
        }
    }

    struct Bad: Sendable, CustomStringConvertible {
        var name: String
        var key: String
        var changes: IncidentStore.Changes
        var field: String
        var message: String
        var description: String { name }
    }

    static func bad(
        _ name: String, _ key: String = "INC-7", field: String, _ message: String,
        _ change: @Sendable (inout IncidentStore.Changes) -> Void
    ) -> Bad {
        var c = IncidentStore.Changes()
        change(&c)
        return Bad(name: name, key: key, changes: c, field: field, message: message)
    }

    static let badChanges: [Bad] = [
        bad("negative tickets", field: "tickets", "tickets must be 0 to 2147483647 (got -1)") { $0.tickets = -1 },
        bad("tickets past the schema's integer", field: "tickets", "tickets must be 0 to 2147483647 (got 2147483648)") {
            $0.tickets = 2_147_483_648
        },
        bad("negative minutes", field: "outageMinutes", "outageMinutes must be 0 to 2147483647 minutes (got -5)") {
            $0.outageMinutes = -5
        },
        bad("an empty title", field: "title", "title is empty") { $0.title = "  " },
        bad("a title of 501 characters", field: "title", "title is longer than 500 characters") {
            $0.title = String(repeating: "é", count: 501)
        },
        bad("a start in the year 10000", field: "startedAt", "startedAt must be in the years 1 to 9999") {
            $0.startedAt = Date(timeIntervalSince1970: 253_402_300_800)
        },
        bad(
            "clearing the title", field: "title",
            "title cannot be cleared; only startedAt, outageMinutes, severity and tickets can"
        ) { $0.clear = [.title] },
        bad("setting and clearing severity", field: "severity", "severity is both set and cleared") {
            $0.severity = .sev1
            $0.clear = [.severity]
        },
        bad(
            "clearing a number of a published incident", "INC-8", field: "severity",
            "severity: INC-8 is published, and a published incident states its severity; give a value instead of "
                + "clearing it, or make it a draft (status draft) with the same change"
        ) {
            $0.clear = [.severity]
            $0.title = "Payments were slow for everyone"
        },
        bad(
            "publishing a draft that lacks numbers", field: "status",
            "status: INC-7 cannot be published without its outage time and severity; set them first"
        ) {
            $0.status = .published
            $0.tickets = 3
        },
        bad(
            "a draft that states every number", "INC-8", field: "status",
            "status: INC-8 states every number scoring needs, so it is published; clear one of them to make it a draft"
        ) { $0.status = .draft },
    ]

    @Test(arguments: badChanges)
    func badChangesNameTheFieldAndChangeNothing(_ bad: Bad) async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Self.draft(in: db)
            try await Self.published(in: db)
            let before = try await Self.snapshot(bad.key, in: db)
            await #expect(throws: StoreError(.invalid, bad.message, field: bad.field)) {
                try await IncidentStore(database: db).update(bad.key, changes: bad.changes, actor: "t")
            }
            #expect(try await Self.snapshot(bad.key, in: db) == before)
        }
    }

    @Test func aPublishedIncidentBecomesADraftOnlyWhenTheChangeSaysSo() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Self.published(in: db)
            var unpublish = IncidentStore.Changes()
            unpublish.clear = [.tickets]
            unpublish.status = .draft
            let outcome = try await IncidentStore(database: db).update("INC-8", changes: unpublish, actor: "t")
            #expect(outcome.status == .draft && outcome.missing == ["number of support tickets raised"])
            #expect(
                try await Fixtures.count(
                    "SELECT count(*)::int FROM incidents WHERE key = 'INC-8' AND tickets IS NULL AND status = 'draft'",
                    in: db) == 1)
            let audit = try #require(try await Self.audits("INC-8", in: db).first)
            #expect((audit["tickets"] as? [String: Any])?["before"] as? Int == 2)
            #expect((audit["tickets"] as? [String: Any])?["after"] is NSNull)
        }
    }

    @Test func unknownAndStaleIncidentsAreRefused() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Self.draft(in: db)
            var change = IncidentStore.Changes()
            change.tickets = 1
            let store = IncidentStore(database: db)
            await #expect(throws: StoreError.notFound("no incident INC-404")) {
                try await store.update("INC-404", changes: change, actor: "t")
            }
            await #expect(throws: StoreError.notFound("no incident INC-404")) { try await store.history("INC-404") }
            let before = try await Self.snapshot("INC-7", in: db)
            await #expect(throws: StoreError.self) {
                try await store.update("INC-7", changes: change, expectedVersion: 9, actor: "t")
            }
            #expect(try await Self.snapshot("INC-7", in: db) == before)
        }
    }

    @Test func historyListsImportsAndChangesButNotAnActionOfTheSameKey() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await Fixtures.importReport(ReportImportTests.report, into: db)
            var change = IncidentStore.Changes()
            change.tickets = 40
            try await IncidentStore(database: db).update("INC-7", changes: change, actor: "manager")
            try await db.client.query(
                "INSERT INTO audit_entries (actor, verb, subject) VALUES ('amara', 'claim', 'INC-7')")
            let history = try await IncidentStore(database: db).history("INC-7")
            #expect(history.map(\.verb) == ["import.create", "incident.set"])
            #expect(history[1].details == #"{"tickets": {"after": 40, "before": 38}}"#)
        }
    }
}

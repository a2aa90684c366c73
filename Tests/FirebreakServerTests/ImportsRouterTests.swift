import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import PostgresNIO
import Testing

/// `POST /v1/imports/reports` and the dry run of `POST /v1/imports/jira`: what `firebreak import`
/// runs through the service, with the ordering, the all-or-nothing of each report and the dry runs of
/// the local import.
@Suite("The API's imports of several reports, and its dry runs")
struct ImportsRouterTests {
    /// Links ACT-902, which `creates` creates: sent first, imported second.
    static let links = """
        # OUT-903: Calendar sync stalled again

        - **Date:** 2026-10-20 09:00 UTC
        - **Team:** CORE

        ## Preventative measures and actions
        - ACT-902 (coverage: 0.5)

        """

    static let creates = """
        # OUT-902: Calendar sync stalled

        - **Date:** 2026-10-12 09:00 UTC
        - **Team:** CORE

        ## Preventative measures and actions
        - [prevent] ACT-902: Give the calendar sync its own worker pool (estimate: 3)

        """

    static let bad = "# OUT-904: Broken\n\n- **Severity:** SEV9\n"

    /// A JSON body of `reports`, each `(name, text)`.
    static func body(_ reports: [(String, String)]) throws -> String {
        let items = reports.map { ["name": $0.0, "text": $0.1] }
        return String(decoding: try JSONSerialization.data(withJSONObject: ["reports": items]), as: UTF8.self)
    }

    /// Rows of every table an import writes, and the audit log: a dry run leaves each as it was.
    static func rowCounts(_ db: Database) async throws -> [Int] {
        var counts: [Int] = []
        for table in ["incidents", "actions", "action_incidents", "audit_entries"] {
            counts.append(
                try await Fixtures.count(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"), in: db))
        }
        return counts
    }

    @Test func aFolderOfReportsImportsInTheOrderTheirLinksNeedWithOneResultEachInTheOrderSent() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let db = fresh.database
            try await ServerFixture.withRouter(db) { client in
                let body = try Self.body([
                    ("a-links.md", Self.links), ("b-creates.md", Self.creates), ("bad.md", Self.bad),
                ])
                let before = try await Self.rowCounts(db)
                let preview = try await client.send(
                    .post, "/v1/imports/reports?dryRun=true", token: tokens.manager, json: body)
                #expect(preview.status == .ok, "\(preview.text)")
                #expect(preview.array.map { $0["name"] as? String } == ["a-links.md", "b-creates.md", "bad.md"])
                let previewed = preview.array.map { $0["imported"] as? [String: Any] }
                #expect(previewed[0]?["dryRun"] as? Bool == true && previewed[0]?["links"] as? Int == 1)
                #expect(previewed[1]?["created"] as? Bool == true && previewed[1]?["actionsCreated"] as? Int == 1)
                #expect(try await Self.rowCounts(db) == before, "the dry run wrote")

                let imported = try await client.send(.post, "/v1/imports/reports", token: tokens.manager, json: body)
                #expect(imported.status == .ok, "\(imported.text)")
                let results = imported.array
                #expect(results.count == 3)
                let first = try #require(results[0]["imported"] as? [String: Any])
                #expect(first["incident"] as? String == "OUT-903" && first["dryRun"] as? Bool == false)
                #expect(first["links"] as? Int == 1 && first["actionsCreated"] as? Int == 0)
                #expect((first["missing"] as? [String])?.contains("severity") == true)
                #expect(results[0]["error"] == nil)
                let second = try #require(results[1]["imported"] as? [String: Any])
                #expect(second["incident"] as? String == "OUT-902" && second["actionsCreated"] as? Int == 1)
                // The bad report is its error, naming its file and line; nothing of it is written.
                #expect(results[2]["imported"] == nil)
                let error = try #require(results[2]["error"] as? [String: Any])
                #expect(error["file"] as? String == "bad.md" && error["line"] as? Int == 3)
                #expect((error["reason"] as? String)?.contains("SEV9") == true)
                let linked = try await Fixtures.count(
                    """
                    SELECT count(*)::int FROM action_incidents l JOIN actions a ON a.id = l.action_id
                    JOIN incidents i ON i.id = l.incident_id
                    WHERE a.key = 'ACT-902' AND i.key IN ('OUT-902', 'OUT-903')
                    """, in: db)
                #expect(linked == 2)
                #expect(
                    try await Fixtures.count("SELECT count(*)::int FROM incidents WHERE key = 'OUT-904'", in: db) == 0)
                let actor = try await Fixtures.count(
                    "SELECT count(*)::int FROM audit_entries WHERE actor = 'api:manager' AND subject IN ('OUT-902', 'OUT-903')",
                    in: db)
                #expect(actor >= 2)
            }
        }
    }

    /// `file` names the report in its error and warnings; its identity stays `name`, so that importing
    /// it again from elsewhere updates the same incident.
    @Test func aReportsFileNamesItsErrorsAndItsNameIsItsIdentity() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let report =
                    "# Queue stalled\n\n- **Date:** 2026-11-02 09:00\n\n## Action items\n- [ ] Alert on queue depth\n"
                let body =
                    ##"{"reports": [{"name": "q.md", "file": "postmortems/q.md", "text": "# Broken\n\n- **Severity:** SEV9\n"}]}"##
                let failed = try await client.send(.post, "/v1/imports/reports", token: tokens.manager, json: body)
                let error = try #require(failed.array.first?["error"] as? [String: Any])
                #expect(error["file"] as? String == "postmortems/q.md" && error["line"] as? Int == 3)
                let sent = try Self.body([("q.md", report)])
                let first = try await client.send(.post, "/v1/imports/reports", token: tokens.manager, json: sent)
                let again = try await client.send(.post, "/v1/imports/reports", token: tokens.manager, json: sent)
                let (a, b) = (
                    first.array.first?["imported"] as? [String: Any], again.array.first?["imported"] as? [String: Any]
                )
                #expect(a?["match"] as? String == "new" && b?["match"] as? String == "source")
                #expect(a?["incident"] as? String == b?["incident"] as? String)
            }
        }
    }

    @Test(arguments: [
        (#"{"reports": []}"#, HTTPResponse.Status.unprocessableContent, "reports" as String?),
        (##"{"reports": [{"name": "", "text": "# A\n"}]}"##, .unprocessableContent, "reports[0].name"),
        (##"{"reports": [{"name": "a.md", "text": "# A\n"}], "team": "CORE"}"##, .unprocessableContent, "team"),
        (#"{"reports": [{"name": "a.md"}]}"#, .badRequest, "reports[0].text"),
        (##"{"reports": [{"name": "a.md", "text": "# A\n", "fiel": "x"}]}"##, .unprocessableContent, "reports[0].fiel"),
        (#"["a.md"]"#, .badRequest, nil),
    ])
    func aBodyThatIsNotReportsIsRefusedNamingTheField(
        body: String, status: HTTPResponse.Status, field: String?
    )
        async throws
    {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let answer = try await client.send(.post, "/v1/imports/reports", token: tokens.manager, json: body)
                #expect(answer.status == status && answer.isProblem, "\(answer.text)")
                #expect(answer.object["field"] as? String == field, "\(answer.text)")
            }
        }
    }

    /// The body is within the API's `maxBodyBytes`, as every other body; a bad `dryRun` is a 400.
    @Test func theBodyLimitAndTheDryRunFlagAreTheAPIs() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let db = fresh.database
            try await ServerFixture.withRouter(
                db, configuration: ServerFixture.configuration { $0.maxBodyBytes = 2048 }
            ) { client in
                let large = try Self.body([("big.md", Self.creates + String(repeating: "More words. ", count: 200))])
                let answer = try await client.send(.post, "/v1/imports/reports", token: tokens.manager, json: large)
                #expect(answer.status == .contentTooLarge && answer.isProblem)
                let flag = try await client.send(
                    .post, "/v1/imports/reports?dryRun=maybe", token: tokens.manager,
                    json: try Self.body([("b.md", Self.creates)]))
                #expect(flag.status == .badRequest && flag.object["field"] as? String == "dryRun")
                let engineer = try await client.send(
                    .post, "/v1/imports/reports", token: tokens.amara, json: try Self.body([("b.md", Self.creates)]))
                #expect(engineer.status == .forbidden)
                #expect(
                    try await Fixtures.count("SELECT count(*)::int FROM incidents WHERE key = 'OUT-902'", in: db) == 0)
            }
        }
    }

    /// `dryRun=true` answers what the Jira import would do, and writes nothing; a refused row names its
    /// line as the import does.
    @Test func aJiraDryRunSaysWhatTheImportWouldDoAndWritesNothing() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let db = fresh.database
            try await ServerFixture.withRouter(db) { client in
                let csv: HTTPFields = [.contentType: "text/csv"]
                let before = try await Self.rowCounts(db)
                let preview = try await client.send(
                    .post, "/v1/imports/jira?team=CORE&source=ops.csv&dryRun=true", token: tokens.manager,
                    body: WebImportRouterTests.jira, headers: csv)
                #expect(preview.status == .ok, "\(preview.text)")
                #expect(preview.object["created"] as? Int == 1 && preview.object["updated"] as? Int == 0)
                #expect(try await Self.rowCounts(db) == before, "the dry run wrote")
                #expect(
                    try await Fixtures.count("SELECT count(*)::int FROM actions WHERE key = 'OPS-901'", in: db) == 0)

                let bad = try await client.send(
                    .post, "/v1/imports/jira?team=CORE&source=bad.csv&dryRun=true", token: tokens.manager,
                    body: "Summary,Issue key\nFine,OPS-1\n,OPS-2\n", headers: csv)
                #expect(bad.status == .unprocessableContent && bad.isProblem)
                #expect((bad.object["detail"] as? String)?.hasPrefix("bad.csv:3: ") == true, "\(bad.text)")

                let imported = try await client.send(
                    .post, "/v1/imports/jira?team=CORE&source=ops.csv&dryRun=false", token: tokens.manager,
                    body: WebImportRouterTests.jira, headers: csv)
                #expect(imported.object["created"] as? Int == 1)
                #expect(
                    try await Fixtures.count("SELECT count(*)::int FROM actions WHERE key = 'OPS-901'", in: db) == 1)
            }
        }
    }
}

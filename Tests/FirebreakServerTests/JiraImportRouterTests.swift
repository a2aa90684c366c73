import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import PostgresNIO
import Testing

/// `POST /v1/imports/jira`: the Jira export's import through the operations (`importJira`), as the
/// web app's import and the CLI's reader of it run it.
@Suite("The API's Jira import")
struct JiraImportRouterTests {
    @Test func aManagerImportsAnExportAndARefusedRowNamesItsLine() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let db = fresh.database
            try await ServerFixture.withRouter(db) { client in
                let headers: HTTPFields = [.contentType: "text/csv"]
                let engineer = try await client.send(
                    .post, "/v1/imports/jira?team=CORE", token: tokens.amara, body: WebImportRouterTests.jira,
                    headers: headers)
                #expect(engineer.status == .forbidden)
                let imported = try await client.send(
                    .post, "/v1/imports/jira?team=CORE&source=ops.csv", token: tokens.manager,
                    body: WebImportRouterTests.jira, headers: headers)
                #expect(imported.status == .ok)
                #expect(imported.object.keys.sorted() == ["created", "resolved", "skipped", "updated"])
                #expect(imported.object["created"] as? Int == 1 && imported.object["updated"] as? Int == 0)
                let again = try await client.send(
                    .post, "/v1/imports/jira?team=CORE&source=ops.csv", token: tokens.manager,
                    body: WebImportRouterTests.jira, headers: headers)
                #expect(again.object["created"] as? Int == 0 && again.object["updated"] as? Int == 1)
                let actor = try await Fixtures.count(
                    "SELECT count(*)::int FROM audit_entries WHERE verb = 'import.jira' AND actor = 'api:manager'",
                    in: db)
                #expect(actor == 2)

                let bad = try await client.send(
                    .post, "/v1/imports/jira?team=CORE&source=bad.csv", token: tokens.manager,
                    body: "Summary,Issue key\nFine,OPS-1\n,OPS-2\n", headers: headers)
                #expect(bad.status == .unprocessableContent && bad.isProblem)
                #expect((bad.object["detail"] as? String)?.hasPrefix("bad.csv:3: ") == true, "\(bad.text)")
            }
        }
    }
}

import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Hummingbird
import PostgresNIO
import Testing

/// An incident's page: the canonical Markdown rendered (escaped), and the form that fills in what lint
/// says is missing, through the incident update the API's PATCH makes.
@Suite("The web app's incident page, in-process")
struct WebIncidentRouterTests {
    @Test func theReportIsRenderedAndAManagerFillsInWhatIsMissing() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let manager = try await WebRouterTests.session(tokens.of(.manager), fresh.database)
            let viewer = try await WebRouterTests.session(tokens.viewer, fresh.database)
            let amara = try await WebRouterTests.session(tokens.amara, fresh.database)
            let incidents = IncidentStore(database: fresh.database)
            let drafts = try await incidents.list(team: "CORE").filter { "\($0.status)" == "draft" }
            let draft = try #require(drafts.first).key
            try await ServerFixture.withRouter(fresh.database) { client in
                let report = try await WebRouterTests.send(client, .get, "/incidents/INC-7", as: viewer)
                #expect(report.status == .ok)
                #expect(report.text.contains("<h3>Explanation of the problem</h3>"))
                #expect(report.text.contains("<li><strong>Severity:</strong>"))
                #expect(!report.text.contains("Fill in what is missing"))
                let seen = try await WebRouterTests.send(client, .get, "/incidents/\(draft)", as: viewer)
                #expect(seen.status == .ok && !seen.text.contains("action=\"/incidents/\(draft)\""))
                let page = try await WebRouterTests.send(client, .get, "/incidents/\(draft)", as: manager)
                #expect(page.text.contains("Fill in what is missing") && page.text.contains("id=\"f-tickets\""))
                let bad = try await WebRouterTests.send(
                    client, .post, "/incidents/\(draft)", as: manager, form: manager.form(["tickets": "many"]))
                #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"f-tickets-error\""))
                #expect(bad.text.contains("value=\"many\""))
                let negative = try await WebRouterTests.send(
                    client, .post, "/incidents/\(draft)", as: manager, form: manager.form(["tickets": "-3"]))
                #expect(negative.status == .unprocessableContent && negative.text.contains("id=\"f-tickets-error\""))
                let forged = try await WebRouterTests.send(
                    client, .post, "/incidents/\(draft)", as: manager,
                    form: manager.form(["tickets": "5"], csrf: viewer.csrf))
                #expect(forged.status == .forbidden)
                let engineer = try await WebRouterTests.send(
                    client, .post, "/incidents/\(draft)", as: amara, form: amara.form(["tickets": "5"]))
                #expect(engineer.status == .forbidden && engineer.isHTML)
                #expect(try await incidents.report(draft).tickets == nil, "refused forms change nothing")
                let fields = Dictionary(
                    uniqueKeysWithValues: try await incidents.report(draft).missingFields.compactMap { name in
                        IncidentStore.Field.scoring.first { $0.reportName == name }.map { field in
                            (field.rawValue, field == .startedAt ? "2026-05-01 10:00" : "2")
                        }
                    })
                let saved = try await WebRouterTests.send(
                    client, .post, "/incidents/\(draft)", as: manager, form: manager.form(fields))
                #expect(saved.status == .seeOther && saved.headers[.location] == "/incidents/\(draft)")
                let after = try await incidents.report(draft)
                #expect(after.missingFields.isEmpty)
                let shown = try await WebRouterTests.send(client, .get, "/incidents/\(draft)", as: manager)
                #expect(!shown.text.contains("Fill in what is missing"))
            }
        }
    }

    @Test func markdownIsRenderedEscaped() {
        let html = MarkdownHTML.render(
            """
            ## Explanation of the problem
            The **cache** fell over <script>alert(1)</script> and `kubectl` said so.
            Second line.

            - [x] done **item**
            - [ ] open "item" with **unpaired
            1. first
            """, headingOffset: 1)
        #expect(html.contains("<h3>Explanation of the problem</h3>"))
        #expect(html.contains("<p>The <strong>cache</strong> fell over &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<code>kubectl</code> said so.<br>\nSecond line.</p>"))
        #expect(html.contains("<ul>\n<li>☑ done <strong>item</strong></li>"))
        #expect(html.contains("<li>☐ open &quot;item&quot; with **unpaired</li>\n</ul>\n<ol>\n<li>first</li>\n</ol>"))
        #expect(!html.contains("<script>"))
    }
}

import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Hummingbird
import PostgresNIO
import Testing

/// The web import: files uploaded as `multipart/form-data`, the dry run that writes nothing, and the
/// confirmation that imports the very bytes the dry run showed, through the in-process router against
/// the real PostgreSQL test cluster.
@Suite("The web app's import, in-process")
struct WebImportRouterTests {
    /// A new incident for CORE, with CRLF line ends as a Windows editor saves it.
    static let report = """
        # Cache stampede after the Tuesday deploy

        - **Date:** 2026-05-05 10:00 UTC
        - **Outage time:** 00:30
        - **Severity:** SEV3
        - **Detected by:** alert
        - **Number of support tickets raised:** 4
        - **Team:** CORE

        ## Explanation of the problem
        A cold cache after a deploy.

        ## Preventative measures and actions
        - [prevent] Warm the cache before a deploy switches traffic (estimate: 3)

        """.replacingOccurrences(of: "\n", with: "\r\n")

    /// A report the parser refuses on line 3.
    static let bad = "# T\n## Actions\n- [detcet] Do it\n"

    /// A Jira export of one task whose description spans two lines.
    static let jira = """
        Summary,Issue key,Issue Type,Status,Description
        Alert on cache hit ratio,OPS-901,Task,To Do,"Page when it drops.
        Below 80% for 5 minutes."

        """

    static let boundary = "----FirebreakTestBoundary7MA4YWxk"

    /// A form as a browser sends it: the fields, then each file.
    static func multipart(_ fields: [(String, String)], files: [(String, String)] = []) -> String {
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        for (name, text) in files {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\n"
            body += "Content-Type: application/octet-stream\r\n\r\n\(text)\r\n"
        }
        return body + "--\(boundary)--\r\n"
    }

    static func post(
        _ client: ServerFixture.Client, _ uri: String, as web: WebRouterTests.Web, body: String
    ) async throws -> Answer {
        var headers = web.cookie
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await client.send(.post, uri, body: body, headers: headers)
    }

    /// The hidden fields of the page's confirm form, in order, unescaped.
    static func hiddenFields(_ html: String) throws -> [(String, String)] {
        let form = try #require(html.range(of: "action=\"/incidents/import/confirm\"")).upperBound
        let end = try #require(html.range(of: "</form>", range: form..<html.endIndex)).lowerBound
        let pattern = try Regex(#"<input type="hidden" name="([^"]*)" value="([^"]*)">"#)
        return html[form..<end].matches(of: pattern).map { match in
            (String(match.output[1].substring!), unescaped(String(match.output[2].substring!)))
        }
    }

    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The rows an import writes, counted.
    static func counts(_ db: Database) async throws -> [Int] {
        [
            try await Fixtures.count("SELECT count(*)::int FROM incidents", in: db),
            try await Fixtures.count("SELECT count(*)::int FROM actions", in: db),
            try await Fixtures.count("SELECT count(*)::int FROM action_incidents", in: db),
            try await Fixtures.count("SELECT count(*)::int FROM audit_entries", in: db),
        ]
    }

    @Test func theDryRunWritesNothingAndTheConfirmationImportsWhatItShowed() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let db = fresh.database
            let manager = try await WebRouterTests.session(tokens.of(.manager), db)
            try await ServerFixture.withRouter(db) { client in
                let form = try await WebRouterTests.send(client, .get, "/incidents/import?team=CORE", as: manager)
                #expect(form.status == .ok && form.text.contains("enctype=\"multipart/form-data\""))
                #expect(form.text.contains("<input id=\"i-files\" name=\"files\" type=\"file\" multiple"))
                let list = try await WebRouterTests.send(client, .get, "/incidents?team=CORE", as: manager)
                #expect(list.text.contains("href=\"/incidents/import?team=CORE\""))

                let before = try await Self.counts(db)
                let files = [("stampede.md", Self.report), ("bad.md", Self.bad), ("ops.csv", Self.jira)]
                let preview = try await Self.post(
                    client, "/incidents/import", as: manager,
                    body: Self.multipart([("csrf", manager.csrf), ("team", "CORE")], files: files))
                #expect(preview.status == .unprocessableContent, "a file has an error")
                #expect(preview.text.contains("Import: what would happen"))
                #expect(preview.text.contains("would be created"))
                #expect(preview.text.contains("bad.md:3: unknown action kind &quot;[detcet]&quot;"))
                #expect(preview.text.contains("1 created, 0 updated</dd>"), "the Jira export's one task")
                #expect(preview.text.contains("Nothing has been written yet."))
                #expect(try await Self.counts(db) == before, "the dry run writes nothing")

                // The confirm form carries the two good files byte for byte, the bad one left out.
                let hidden = try Self.hiddenFields(preview.text)
                let carried = zip(
                    hidden.filter { $0.0 == "name" }.map(\.1),
                    hidden.filter { $0.0 == "content" }.map { Data(base64Encoded: $0.1).map { Array($0) } })
                #expect(carried.map(\.0) == ["stampede.md", "ops.csv"])
                #expect(carried.map(\.1) == [Array(Self.report.utf8), Array(Self.jira.utf8)])

                let confirmed = try await Self.post(
                    client, "/incidents/import/confirm", as: manager,
                    body: Self.multipart(hidden))
                #expect(confirmed.status == .seeOther, "\(confirmed.text)")
                let location = try #require(confirmed.headers[.location])
                #expect(location.hasPrefix("/incidents/import/done?team=CORE&created=INC-"))
                let incident = try #require(
                    try await IncidentStore(database: db).list(team: "CORE").first {
                        $0.title == "Cache stampede after the Tuesday deploy"
                    })
                #expect(location.contains("created=\(incident.key)&"))
                #expect(incident.outageMinutes == 30 && "\(incident.status)" == "published")
                let jira = try await Fixtures.count(
                    "SELECT count(*)::int FROM actions WHERE external_key = 'OPS-901'", in: db)
                #expect(jira == 1)
                let after = try await Self.counts(db)
                #expect(after[0] == before[0] + 1 && after[1] == before[1] + 2)

                let done = try await WebRouterTests.send(client, .get, location, as: manager)
                #expect(done.status == .ok && done.text.contains("Imported 1 report: 1 incident created, 0 updated"))
                #expect(done.text.contains("<a href=\"/incidents/\(incident.key)\">\(incident.key)</a>"))
                #expect(done.text.contains("Imported 1 Jira export: 1 action created, 0 updated"))

                // The same files again: the report updates its incident (matched by its file's name).
                let again = try await Self.post(
                    client, "/incidents/import", as: manager,
                    body: Self.multipart([("csrf", manager.csrf), ("team", "CORE")], files: [files[0]]))
                #expect(again.status == .ok)
                #expect(again.text.contains("\(incident.key)</a> would be updated"))
                #expect(again.text.contains("imported before from stampede.md"))
            }
        }
    }

    /// Each role with a well-formed form: the viewer and the engineer get the 403 page and write nothing.
    @Test func onlyAManagerImports() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let db = fresh.database
            try await ServerFixture.withRouter(db) { client in
                let before = try await Self.counts(db)
                for role in TokenStore.Role.allCases {
                    let web = try await WebRouterTests.session(tokens.of(role), db)
                    let page = try await WebRouterTests.send(client, .get, "/incidents/import", as: web)
                    let body = Self.multipart(
                        [("csrf", web.csrf), ("team", "CORE")], files: [("stampede.md", Self.report)])
                    let preview = try await Self.post(client, "/incidents/import", as: web, body: body)
                    let confirm = try await Self.post(
                        client, "/incidents/import/confirm", as: web,
                        body: Self.multipart([
                            ("csrf", web.csrf), ("team", "CORE"), ("dateFormat", ""), ("name", "stampede.md"),
                            ("content", Data(Self.report.utf8).base64EncodedString()),
                        ]))
                    for answer in [page, preview] {
                        #expect(answer.isHTML, "\(role)")
                        #expect(answer.status == (role == .manager ? .ok : .forbidden), "\(role): \(answer.text)")
                    }
                    #expect(confirm.status == (role == .manager ? .seeOther : .forbidden), "\(role)")
                    if role != .manager { #expect(try await Self.counts(db) == before, "\(role) wrote nothing") }
                }
            }
        }
    }

    @Test func aFormWithoutItsCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let db = fresh.database
            let manager = try await WebRouterTests.session(tokens.of(.manager), db)
            let other = try await WebRouterTests.session(tokens.of(.manager), db)
            try await ServerFixture.withRouter(db) { client in
                let before = try await Self.counts(db)
                let carried = [
                    ("team", "CORE"), ("name", "stampede.md"),
                    ("content", Data(Self.report.utf8).base64EncodedString()),
                ]
                for csrf in [nil, other.csrf, "forged"] {
                    let fields = (csrf.map { [("csrf", $0)] } ?? []) + carried
                    for uri in ["/incidents/import", "/incidents/import/confirm"] {
                        let answer = try await Self.post(
                            client, uri, as: manager,
                            body: Self.multipart(fields, files: uri.hasSuffix("confirm") ? [] : [("a.md", Self.report)])
                        )
                        #expect(answer.status == .forbidden && answer.isHTML, "\(uri) with \(csrf ?? "no token")")
                        #expect(answer.text.contains("not sent from this app"))
                    }
                }
                #expect(try await Self.counts(db) == before)
            }
        }
    }

    /// Past the server's body limit the upload is refused (413) as the API's bodies are; a form that is
    /// not multipart, or that chose no file, says so; none of them writes anything.
    @Test func oversizedMalformedAndEmptyFormsAreRefused() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let db = fresh.database
            let manager = try await WebRouterTests.session(tokens.of(.manager), db)
            let configuration = ServerFixture.configuration { $0.maxBodyBytes = 2048 }
            try await ServerFixture.withRouter(db, configuration: configuration) { client in
                let before = try await Self.counts(db)
                let large = Self.multipart(
                    [("csrf", manager.csrf)], files: [("big.md", Self.report + String(repeating: "x", count: 4000))])
                let tooLarge = try await Self.post(client, "/incidents/import", as: manager, body: large)
                #expect(tooLarge.status == .contentTooLarge && tooLarge.isHTML)
                #expect(tooLarge.text.contains("over 2048 bytes"))

                let urlencoded = try await WebRouterTests.send(
                    client, .post, "/incidents/import", as: manager, form: manager.form())
                #expect(urlencoded.status == .unsupportedMediaType && urlencoded.isHTML)
                #expect(urlencoded.text.contains("send the form as multipart/form-data"))

                var headers = manager.cookie
                headers[.contentType] = "multipart/form-data"
                let noBoundary = try await client.send(
                    .post, "/incidents/import", body: Self.multipart([("csrf", manager.csrf)]), headers: headers)
                #expect(noBoundary.status == .badRequest && noBoundary.text.contains("names no boundary"))

                let none = try await Self.post(
                    client, "/incidents/import", as: manager,
                    body: Self.multipart([("csrf", manager.csrf), ("team", "CORE")], files: [("", "")]))
                #expect(none.status == .unprocessableContent && none.text.contains("id=\"i-files-error\""))
                #expect(none.text.contains("Choose one or more .md or .csv files."))

                let badFormat = try await Self.post(
                    client, "/incidents/import", as: manager,
                    body: Self.multipart(
                        [("csrf", manager.csrf), ("team", "CORE"), ("dateFormat", "dd/MM/yyyy QQ")],
                        files: [("ops.csv", Self.jira)]))
                #expect(badFormat.status == .unprocessableContent && badFormat.text.contains("id=\"i-date-error\""))
                #expect(badFormat.text.contains("value=\"dd/MM/yyyy QQ\""))

                let wrongKind = try await Self.post(
                    client, "/incidents/import", as: manager,
                    body: Self.multipart(
                        [("csrf", manager.csrf), ("team", "CORE")], files: [("notes.txt", "hi"), ("a.md", "# A\0")]))
                #expect(wrongKind.status == .unprocessableContent)
                #expect(wrongKind.text.contains("notes.txt:1: only outage reports (.md) and Jira CSV exports"))
                #expect(wrongKind.text.contains("a.md:1: the file holds a NUL character"))
                #expect(!wrongKind.text.contains("action=\"/incidents/import/confirm\""), "nothing to import")

                let damaged = try await Self.post(
                    client, "/incidents/import/confirm", as: manager,
                    body: Self.multipart([("csrf", manager.csrf), ("name", "a.md"), ("content", "%%%")]))
                #expect(damaged.status == .badRequest && damaged.text.contains("copy of a.md is damaged"))
                #expect(try await Self.counts(db) == before)
            }
        }
    }

    /// A confirmation whose file no longer imports (here: it was never previewed, and its team is not
    /// there) answers the page of what went in and what did not, and writes nothing of that file.
    @Test func aConfirmationWithAFailedFileSaysWhichAndWritesNothingOfIt() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let db = fresh.database
            let manager = try await WebRouterTests.session(tokens.of(.manager), db)
            try await ServerFixture.withRouter(db) { client in
                let before = try await Self.counts(db)
                let failing = Self.report.replacingOccurrences(of: "**Team:** CORE", with: "**Team:** NOPE")
                let answer = try await Self.post(
                    client, "/incidents/import/confirm", as: manager,
                    body: Self.multipart([
                        ("csrf", manager.csrf), ("team", "CORE"), ("name", "nope.md"),
                        ("content", Data(failing.utf8).base64EncodedString()),
                    ]))
                #expect(answer.status == .unprocessableContent && answer.text.contains("not all of it went in"))
                #expect(answer.text.contains("nope.md:"), "\(answer.text)")
                #expect(!answer.text.contains("action=\"/incidents/import/confirm\""))
                #expect(try await Self.counts(db) == before)
            }
        }
    }

    @Test func theConfirmLimitHoldsTheUploadLimitInBase64() {
        for limit in [1000, 1 << 20, 5 << 20] {
            let upload = [UInt8](repeating: 0xFF, count: limit)
            #expect(Data(upload).base64EncodedString().utf8.count + 1000 < WebImport.confirmLimit(limit))
        }
    }
}

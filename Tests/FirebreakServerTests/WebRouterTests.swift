import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import Testing

/// The web app at `/`, through the router in-process, against the real PostgreSQL test cluster.
@Suite("The web app, in-process")
struct WebRouterTests {
    /// Every page and form, from the same table the router is built from.
    static func routes(_ db: Database) -> [WebRoute] {
        WebApp.add(
            to: Router(context: FirebreakRequestContext.self),
            backend: Backend(database: db, configuration: ServerFixture.configuration()))
    }

    /// A session of `token`'s holder, opened as signing in opens one.
    static func session(_ token: String, _ db: Database) async throws -> Web {
        let id = try #require(try await WebSessionStore(database: db).open(token: token))
        return Web(id: id)
    }

    /// A signed-in browser's cookie and CSRF token.
    struct Web {
        var id: String
        var cookie: HTTPFields { [.cookie: "fb_session=\(id)"] }
        var csrf: String { WebSessionStore.csrfToken(for: id) }
        func form(_ fields: [String: String] = [:], csrf: String? = nil) -> String {
            (fields.merging(["csrf": csrf ?? self.csrf]) { a, _ in a }).sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .joined(separator: "&")
        }
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func send(
        _ client: ServerFixture.Client, _ method: HTTPRequest.Method, _ uri: String, as web: Web?,
        form: String? = nil, headers: HTTPFields = [:]
    ) async throws -> Answer {
        var fields = headers
        if let web { fields.append(contentsOf: web.cookie) }
        if form != nil { fields.append(contentsOf: formHeaders) }
        return try await client.send(method, uri, body: form, headers: fields)
    }

    /// Each page and form without a session (sent to sign in), and under each role: 403 as an HTML page
    /// below the route's role; at or above it, neither 403 nor a 5xx, and HTML or a 303.
    @Test func theRoleByPageMatrix() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            // Signing out ends the session the other rows use; its own test signs out.
            let routes = Self.routes(fresh.database).filter { $0.role != nil && $0.path != "/signout" }
            #expect(routes.count >= 7)
            var opened: [TokenStore.Role: Web] = [:]
            for role in TokenStore.Role.allCases {
                opened[role] = try await Self.session(tokens.of(role), fresh.database)
            }
            let sessions = opened
            try await ServerFixture.withRouter(fresh.database) { client in
                for route in routes {
                    let uri = route.path.replacingOccurrences(of: "{key}", with: "ACT-1")
                    let anonymous = try await Self.send(client, route.method, uri, as: nil, form: "key=ACT-1")
                    #expect(anonymous.status == .seeOther, "\(route) signed out")
                    #expect(anonymous.headers[.location]?.hasPrefix("/signin") == true, "\(route) signed out")
                    for role in TokenStore.Role.allCases {
                        let web = sessions[role]!
                        let answer = try await Self.send(
                            client, route.method, uri, as: web,
                            form: route.method == .post ? web.form(["key": "ACT-1"]) : nil)
                        if role < route.role! {
                            #expect(answer.status == .forbidden, "\(route) as \(role)")
                            #expect(answer.isHTML, "\(route) as \(role)")
                        } else {
                            #expect(answer.status != .forbidden, "\(route) as \(role): \(answer.text)")
                            #expect(answer.status.code < 500, "\(route) as \(role): \(answer.text)")
                            #expect(answer.isHTML || answer.status == .seeOther, "\(route) as \(role)")
                            #expect(answer.headers[.location]?.hasPrefix("/signin") != true, "\(route) as \(role)")
                        }
                        #expect(
                            answer.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false,
                            "\(route) as \(role)")
                    }
                }
            }
        }
    }

    @Test func aFormWithoutItsCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let amara = try await Self.session(tokens.amara, fresh.database)
            let ben = try await Self.session(tokens.ben, fresh.database)
            try await ServerFixture.withRouter(fresh.database) { client in
                let key = try await Self.firstOpenKey(fresh.database)
                let without = try await Self.send(client, .post, "/work/claim", as: amara, form: "key=\(key)")
                #expect(without.status == .forbidden && without.isHTML)
                let others = try await Self.send(
                    client, .post, "/work/claim", as: amara, form: amara.form(["key": key], csrf: ben.csrf))
                #expect(others.status == .forbidden)
                let claims = try await Fixtures.count(
                    "SELECT count(*)::int FROM actions WHERE key = \(key) AND status = 'claimed'", in: fresh.database)
                #expect(claims == 0)
                let signOut = try await Self.send(client, .post, "/signout", as: amara, form: "csrf=wrong")
                #expect(signOut.status == .forbidden)
                #expect(try await WebSessionStore(database: fresh.database).principal(session: amara.id) != nil)
            }
        }
    }

    @Test func anExpiredOrSignedOutSessionIsRefused() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let expired = try await Self.session(tokens.viewer, fresh.database)
            let signedOut = try await Self.session(tokens.viewer, fresh.database)
            try await WebSessionStore(database: fresh.database).expire(
                session: expired.id, at: Date(timeIntervalSinceNow: -60))
            try await ServerFixture.withRouter(fresh.database) { client in
                let before = try await Self.send(client, .get, "/backlog", as: signedOut)
                #expect(before.status == .ok && before.isHTML)
                let late = try await Self.send(client, .get, "/backlog", as: expired)
                #expect(late.status == .seeOther && late.headers[.location] == "/signin?next=/backlog")
                let out = try await Self.send(client, .post, "/signout", as: signedOut, form: signedOut.form())
                #expect(out.status == .seeOther && out.headers[.location] == "/signin")
                #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
                let after = try await Self.send(client, .get, "/backlog", as: signedOut)
                #expect(after.status == .seeOther && after.headers[.location]?.hasPrefix("/signin") == true)
            }
        }
    }

    /// Signing in with a pasted token and with a one-use link; the cookie is HttpOnly and SameSite=Lax,
    /// Secure behind TLS, and the database holds only its hash.
    @Test func signingInWithATokenAndWithALink() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let page = try await client.send(.get, "/signin?next=/backlog")
                #expect(page.status == .ok && page.text.contains("<label for=\"token\">"))
                let nonce = try #require(Self.cookie("fb_signin", in: page))
                let csrf = WebSessionStore.csrfToken(for: nonce)
                let headers: HTTPFields = [
                    .cookie: "fb_signin=\(nonce)", HTTPField.Name("X-Forwarded-Proto")!: "https",
                ]
                let wrong = try await Self.send(
                    client, .post, "/signin", as: nil, form: "csrf=\(csrf)&token=fbk_nope", headers: headers)
                #expect(wrong.status == .unauthorized && wrong.text.contains("unknown or revoked"))
                let noNonce = try await Self.send(
                    client, .post, "/signin", as: nil, form: "csrf=\(csrf)&token=\(tokens.viewer)")
                #expect(noNonce.status == .forbidden)
                let signedIn = try await Self.send(
                    client, .post, "/signin", as: nil, form: "csrf=\(csrf)&next=%2Fbacklog&token=\(tokens.viewer)",
                    headers: headers)
                #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/backlog")
                let setCookie = signedIn.headers[values: .setCookie].first { $0.hasPrefix("fb_session=") } ?? ""
                #expect(
                    setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Secure")
                )
                let session = try #require(Self.cookie("fb_session", in: signedIn))
                let stored = try await Fixtures.count(
                    "SELECT count(*)::int FROM web_sessions WHERE id_hash = sha256(convert_to(\(session), 'UTF8'))",
                    in: fresh.database)
                #expect(stored == 1)
                let backlog = try await Self.send(client, .get, "/backlog", as: Web(id: session))
                #expect(backlog.status == .ok && backlog.text.contains("viewer (viewer)"))

                let secret = try await WebSessionStore(database: fresh.database).makeLink(tokenName: "ben")
                let linkPage = try await client.send(.get, "/signin/link?s=\(secret)")
                #expect(linkPage.status == .ok)
                let linkNonce = try #require(Self.cookie("fb_signin", in: linkPage))
                let linkForm = "csrf=\(WebSessionStore.csrfToken(for: linkNonce))&secret=\(secret)"
                let cookie: HTTPFields = [.cookie: "fb_signin=\(linkNonce)"]
                let used = try await Self.send(client, .post, "/signin/link", as: nil, form: linkForm, headers: cookie)
                #expect(used.status == .seeOther && Self.cookie("fb_session", in: used) != nil)
                let again = try await Self.send(client, .post, "/signin/link", as: nil, form: linkForm, headers: cookie)
                #expect(again.status == .unauthorized && Self.cookie("fb_session", in: again) == nil)
            }
        }
    }

    @Test func claimReleaseDoneAndTheLoserSeesTheHolder() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let amara = try await Self.session(tokens.amara, fresh.database)
            let ben = try await Self.session(tokens.ben, fresh.database)
            try await ServerFixture.withRouter(fresh.database) { client in
                let key = try await Self.firstOpenKey(fresh.database)
                let work = try await Self.send(client, .get, "/work", as: amara)
                #expect(work.status == .ok && work.text.contains("My work"))
                let claimed = try await Self.send(
                    client, .post, "/work/claim", as: amara, form: amara.form(["key": key]))
                #expect(claimed.status == .seeOther && claimed.headers[.location] == "/work")
                let lost = try await Self.send(client, .post, "/work/claim", as: ben, form: ben.form(["key": key]))
                #expect(lost.status == .conflict && lost.isHTML)
                #expect(lost.text.contains("\(key) is already claimed by amara"))
                let mine = try await Self.send(client, .get, "/work", as: amara)
                #expect(mine.text.contains("aria-label=\"Release \(key)\""))
                let released = try await Self.send(
                    client, .post, "/work/release", as: amara, form: amara.form(["key": key]))
                #expect(released.status == .seeOther)
                _ = try await Self.send(client, .post, "/work/claim", as: ben, form: ben.form(["key": key]))
                let done = try await Self.send(client, .post, "/work/done", as: ben, form: ben.form(["key": key]))
                #expect(done.status == .seeOther)
                let status = try await Fixtures.count(
                    "SELECT count(*)::int FROM actions WHERE key = \(key) AND status = 'done'", in: fresh.database)
                #expect(status == 1)
                let history = try await Self.send(client, .get, "/backlog/\(key)", as: amara)
                #expect(history.status == .ok && history.text.contains("api:ben"))
            }
        }
    }

    @Test func theBacklogFiltersSortsAndExplains() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let viewer = try await Self.session(tokens.viewer, fresh.database)
            try await ServerFixture.withRouter(fresh.database) { client in
                let page = try await Self.send(client, .get, "/backlog?team=CORE", as: viewer)
                #expect(page.status == .ok && page.text.contains("<td class=\"num\">1</td>"))
                let detect = try await Self.send(client, .get, "/backlog?team=CORE&kind=detect&sort=key", as: viewer)
                #expect(detect.status == .ok && !detect.text.contains("<td>prevent</td>"))
                #expect(detect.text.contains("<td>detect</td>"))
                let key = try await Self.firstOpenKey(fresh.database)
                let explained = try await Self.send(client, .get, "/backlog/\(key)", as: viewer)
                #expect(explained.status == .ok && explained.text.contains("= priority"))
                #expect(explained.text.contains("INC-"))
                let missing = try await Self.send(client, .get, "/backlog/ACT-99999", as: viewer)
                #expect(missing.status == .notFound && missing.isHTML)
            }
        }
    }

    @Test func thePlanBoardShowsEachSprintOfTheStoredPlan() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let viewer = try await Self.session(tokens.viewer, fresh.database)
            let plan = try await PlanStore(database: fresh.database).get(team: "CORE", number: nil)
            try await ServerFixture.withRouter(fresh.database) { client in
                let page = try await Self.send(client, .get, "/plan?team=CORE", as: viewer)
                #expect(page.status == .ok && page.isHTML)
                for sprint in plan.sprints {
                    #expect(page.text.contains("<h2>\(sprint.name)</h2>"), "\(sprint.name)")
                    for item in sprint.items {
                        #expect(page.text.contains("href=\"/backlog/\(item.key)\""), "\(item.key)")
                        if let reason = item.reason {
                            #expect(page.text.contains("<code>\(reason.rawValue)</code>"), "\(item.key)")
                        }
                    }
                }
                #expect(page.text.contains("Not planned, and why"))
                // Each unplanned item says why in the planner's code and sentence, not a Swift case name.
                for item in plan.unplanned {
                    #expect(page.text.contains("\(item.key)</a> <code>\(item.reason.rawValue)</code>:"), "\(item.key)")
                }
                #expect(!page.text.contains("noCapacity"))
                let none = try await Self.send(client, .get, "/plan?team=NOPE", as: viewer)
                #expect(none.status.code < 500)
            }
        }
    }

    @Test func incidentsListAndEachReportWithItsActions() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let viewer = try await Self.session(tokens.viewer, fresh.database)
            let linked = try await ActionStore(database: fresh.database).list(team: "CORE", statuses: [])
                .first { $0.links.contains { $0.incident == "INC-7" } }
            try await ServerFixture.withRouter(fresh.database) { client in
                let list = try await Self.send(client, .get, "/incidents?team=CORE", as: viewer)
                #expect(list.status == .ok && list.text.contains("href=\"/incidents/INC-7\""))
                let report = try await Self.send(client, .get, "/incidents/INC-7", as: viewer)
                #expect(report.status == .ok && report.text.contains("Preventative measures and actions"))
                let action = try #require(linked)
                #expect(report.text.contains("href=\"/backlog/\(action.key)\""))
                let missing = try await Self.send(client, .get, "/incidents/INC-99999", as: viewer)
                #expect(missing.status == .notFound && missing.isHTML)
            }
        }
    }

    @Test func hostileTitlesAreText() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let viewer = try await Self.session(tokens.viewer, fresh.database)
            let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"
            var changes = ActionStore.Changes()
            changes.kind = .detect
            let key = try await ActionStore(database: fresh.database).add(
                title: hostile, team: "CORE", changes: changes, actor: "test")
            try await ServerFixture.withRouter(fresh.database) { client in
                for uri in ["/backlog?team=CORE&sort=key&dir=desc", "/backlog/\(key)"] {
                    let page = try await Self.send(client, .get, uri, as: viewer)
                    #expect(page.status == .ok)
                    #expect(!page.text.contains("<script>") && !page.text.contains("<img src=x"), "\(uri)")
                    #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img"), "\(uri)")
                }
            }
        }
    }

    @Test func unknownPagesAreHTMLAndTheAPIKeepsProblems() async throws {
        try await TestDatabase.withFresh { fresh in
            try await ServerFixture.withRouter(fresh.database) { client in
                let page = try await client.send(.get, "/no/such/page")
                #expect(page.status == .notFound && page.isHTML && page.text.contains("Page not found"))
                let api = try await client.send(.get, "/v1/no/such")
                #expect(api.isProblem)
                let css = try await client.send(.get, "/assets/app.css")
                #expect(css.status == .ok && css.headers[.contentType]?.hasPrefix("text/css") == true)
            }
        }
    }

    /// The key of the best-ranked open item.
    static func firstOpenKey(_ db: Database) async throws -> String {
        let ranked = try await BacklogStore(database: db).rank(team: "CORE", asOf: Date())
        return try #require(ranked.first { $0.status == .open }).key
    }

    /// The value of cookie `name` that an answer sets.
    static func cookie(_ name: String, in answer: Answer) -> String? {
        for header in answer.headers[values: .setCookie] where header.hasPrefix(name + "=") {
            let value = header.dropFirst(name.count + 1).prefix { $0 != ";" }
            return value.isEmpty ? nil : String(value)
        }
        return nil
    }
}

extension Answer {
    var isHTML: Bool { headers[.contentType] == "text/html; charset=utf-8" }
}

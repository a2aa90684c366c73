import FirebreakCore
import FirebreakOperations
public import FirebreakStore
import Foundation
public import HTTPTypes
public import Hummingbird
import Logging
import NIOCore

/// One page or form of the web app: the router serves it and the role tests read this table.
public struct WebRoute: Sendable, Hashable, CustomStringConvertible {
    public var method: HTTPRequest.Method
    public var path: String
    /// The least role that may open it; nil for the pages before sign-in and the stylesheet.
    public var role: TokenStore.Role?

    public var description: String { "\(method.rawValue) \(path)" }
}

/// A signed-in visitor: the session id from the cookie, who it speaks for, and the CSRF token
/// its forms carry.
struct WebSession: Sendable {
    var id: String
    var principal: TokenStore.Principal
    var csrf: String { WebSessionStore.csrfToken(for: id) }
}

/// The web app at `/`: server-rendered pages over the same operations as the API. It holds no
/// state in the process: sessions are rows of PostgreSQL.
public enum WebApp {
    /// The session cookie's name.
    static let sessionCookie = "fb_session"

    /// Adds the web app's routes to `router` and returns their table.
    @discardableResult
    public static func add(to router: Router<FirebreakRequestContext>, backend: Backend) -> [WebRoute] {
        var web = WebRouteRegistry(router: router, backend: backend)
        web.open(.get, "/assets/app.css") { _, _ in
            var response = Reply.text(WebStylesheet.text, mediaType: "text/css; charset=utf-8")
            response.headers[.cacheControl] = "public, max-age=300"
            response.headers[.xContentTypeOptions] = "nosniff"
            return response
        }
        // Managers land on the overview, engineers on their work, viewers on the backlog.
        web.page("/", role: .viewer) { _, _, session in
            let principal = session.principal
            if principal.role >= .manager { return WebPage.redirect("/overview") }
            return WebPage.redirect(principal.role >= .engineer && principal.engineer != nil ? "/work" : "/backlog")
        }
        web.addSignIn()
        web.addOverview()
        web.addWork()
        web.addBacklog()
        web.addPlan()
        web.addImport()
        web.addIncidents()
        web.addSettings()
        return web.routes
    }
}

/// Registers the web app's routes: looks up the session, checks the role and, for forms, the CSRF
/// token, in one place; answers errors as HTML pages.
struct WebRouteRegistry {
    typealias Context = FirebreakRequestContext
    typealias PageHandler = @Sendable (Request, Context, WebSession) async throws -> Response
    typealias FormHandler = @Sendable (Request, Context, WebSession, WebForm) async throws -> Response

    let router: Router<Context>
    let backend: Backend
    private(set) var routes: [WebRoute] = []

    init(router: Router<Context>, backend: Backend) {
        self.router = router
        self.backend = backend
    }

    /// A route open to anyone (sign-in, the stylesheet).
    mutating func open(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, Context) async throws -> Response
    ) {
        routes.append(WebRoute(method: method, path: path, role: nil))
        router.on(RouterPath(path), method: method) { request, context in
            do {
                return try await handler(request, context)
            } catch {
                return WebPage.error(Problem.from(error, logger: context.logger), session: nil)
            }
        }
    }

    /// A page (GET) for signed-in visitors holding at least `role`.
    mutating func page(_ path: String, role: TokenStore.Role, _ handler: @escaping PageHandler) {
        add(.get, path, role: role) { request, context, session in try await handler(request, context, session) }
    }

    /// A form (POST) for signed-in visitors holding at least `role`; refused without the session's CSRF token.
    mutating func form(_ path: String, role: TokenStore.Role, _ handler: @escaping FormHandler) {
        add(.post, path, role: role) { request, context, session in
            let form = try await WebForm.read(request)
            guard let sent = form["csrf"], sent == session.csrf else { throw Self.crossSite }
            return try await handler(request, context, session, form)
        }
    }

    /// The answer to a form without the session's CSRF token.
    static let crossSite = Problem(
        .forbidden, status: .forbidden,
        detail: "The form was not sent from this app's page, or the page is too old. Reload it and try again.")

    typealias UploadHandler = @Sendable (Request, Context, WebSession, Multipart) async throws -> Response

    /// A form sent as `multipart/form-data` (it has a file input), for signed-in visitors holding at
    /// least `role`: read whole within `limit` bytes (413 past it, as the API's bodies), then `parts`
    /// at most; refused without the session's CSRF token, as ``form(_:role:_:)`` is.
    mutating func upload(
        _ path: String, role: TokenStore.Role, limit: Int, parts: Int, _ handler: @escaping UploadHandler
    ) {
        add(.post, path, role: role) { request, context, session in
            let form = try await Multipart.read(request, limit: limit, parts: parts)
            guard let sent = form.field("csrf"), sent == session.csrf else { throw Self.crossSite }
            return try await handler(request, context, session, form)
        }
    }

    private mutating func add(
        _ method: HTTPRequest.Method, _ path: String, role: TokenStore.Role, _ handler: @escaping PageHandler
    ) {
        routes.append(WebRoute(method: method, path: path, role: role))
        let backend = self.backend
        router.on(RouterPath(path), method: method) { request, context in
            guard let id = request.cookies[WebApp.sessionCookie]?.value,
                let principal = try await backend.run({ try await WebSessionStore(database: $0).principal(session: id) }
                )
            else {
                // Signed out, expired or never signed in: sign in, then come back to a page (not a form).
                let back = method == .get ? "?next=" + WebSignIn.encoded(request.uri.description) : ""
                return WebPage.redirect("/signin" + back)
            }
            var context = context
            context.principal = principal
            let session = WebSession(id: id, principal: principal)
            do {
                guard principal.role >= role else {
                    throw Problem(
                        .forbidden, status: .forbidden,
                        detail:
                            "This page needs the \(role.rawValue) role; \(principal.tokenName) is \(principal.role.withArticle)."
                    )
                }
                return try await handler(request, context, session)
            } catch {
                return WebPage.error(Problem.from(error, logger: context.logger), session: session)
            }
        }
    }
}

/// Answers the errors of paths outside the API (no such page, a method the page does not take) as
/// HTML pages; `/v1` and the service's own routes keep problem+json.
struct WebErrorMiddleware: RouterMiddleware {
    typealias Context = FirebreakRequestContext

    static let apiPrefixes = ["/v1/", "/v1", "/healthz", "/readyz", "/metrics", "/openapi.yaml"]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        if Self.apiPrefixes.contains(where: { path == $0 || path.hasPrefix($0 + "/") || path.hasPrefix($0 + "?") }) {
            return try await next(request, context)
        }
        do {
            return try await next(request, context)
        } catch {
            return WebPage.error(Problem.from(error, logger: context.logger), session: nil)
        }
    }
}

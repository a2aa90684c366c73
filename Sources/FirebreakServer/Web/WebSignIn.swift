import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// Signing in (a pasted token, or a one-use link from `firebreak token login NAME`) and out.
/// Before there is a session, the sign-in forms' CSRF token is derived from a nonce in a cookie of
/// their own, so another site cannot sign a visitor in as someone else.
enum WebSignIn {
    static let nonceCookie = "fb_signin"

    /// `text` percent-encoded for a query parameter.
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/")))
            ?? ""
    }

    /// Where to go after signing in: a path of this app only, never another site.
    static func destination(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.hasPrefix("/signin")
        else { return "/" }
        return next
    }

    /// Behind a proxy that terminates TLS, cookies are marked Secure.
    static func isSecure(_ request: Request) -> Bool {
        request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    static func cookie(_ name: String, _ value: String, maxAge: Int, request: Request) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: isSecure(request), httpOnly: true,
            sameSite: .lax)
    }

    /// A sign-in page with a fresh nonce cookie and the CSRF token made from it.
    static func page(
        _ template: String, request: Request, status: HTTPResponse.Status = .ok, view: (String) -> Any
    ) -> Response {
        let nonce = WebSessionStore.signInNonce()
        var response = WebPage.render(
            template, view(WebSessionStore.csrfToken(for: nonce)), title: "Sign in", session: nil, status: status)
        response.setCookie(cookie(nonceCookie, nonce, maxAge: 3600, request: request))
        return response
    }

    /// Refuses a sign-in form whose CSRF token is not the one of its nonce cookie.
    static func checkNonce(_ request: Request, _ form: WebForm) throws {
        guard let nonce = request.cookies[nonceCookie]?.value, form["csrf"] == WebSessionStore.csrfToken(for: nonce)
        else {
            throw Problem(
                .forbidden, status: .forbidden,
                detail: "The sign-in form is too old or was not sent from this app. Open the sign-in page again.")
        }
    }

    /// 303 to `location` with the session cookie set and the nonce cookie cleared.
    static func signedIn(_ session: String, request: Request, to location: String) -> Response {
        var response = WebPage.redirect(location)
        let seconds = Int(WebSessionStore.sessionLifetime.components.seconds)
        response.setCookie(cookie(WebApp.sessionCookie, session, maxAge: seconds, request: request))
        response.setCookie(cookie(nonceCookie, "", maxAge: 0, request: request))
        return response
    }

    struct FormView {
        var csrf: String
        var next: String
        var notice: String?
    }

    struct LinkView {
        var csrf: String
        var secret: String
    }
}

extension WebRouteRegistry {
    mutating func addSignIn() {
        let backend = self.backend
        open(.get, "/signin") { request, _ in
            let next = WebSignIn.destination(try request.query("next"))
            return WebSignIn.page("signin", request: request) { WebSignIn.FormView(csrf: $0, next: next) }
        }
        open(.post, "/signin") { request, _ in
            let form = try await WebForm.read(request)
            try WebSignIn.checkNonce(request, form)
            let token = (form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let next = WebSignIn.destination(form["next"])
            guard let session = try await backend.run({ try await WebSessionStore(database: $0).open(token: token) })
            else {
                return WebSignIn.page("signin", request: request, status: .unauthorized) {
                    WebSignIn.FormView(csrf: $0, next: next, notice: "That token is unknown or revoked.")
                }
            }
            return WebSignIn.signedIn(session, request: request, to: next)
        }
        // Opening the link only shows a button: a link previewer that fetches it does not use it up.
        open(.get, "/signin/link") { request, _ in
            let secret = try request.query("s") ?? ""
            return WebSignIn.page("signin-link", request: request) { WebSignIn.LinkView(csrf: $0, secret: secret) }
        }
        open(.post, "/signin/link") { request, _ in
            let form = try await WebForm.read(request)
            try WebSignIn.checkNonce(request, form)
            let secret = form["secret"] ?? ""
            guard let session = try await backend.run({ try await WebSessionStore(database: $0).open(link: secret) })
            else {
                return WebSignIn.page("signin", request: request, status: .unauthorized) {
                    WebSignIn.FormView(
                        csrf: $0, next: "/",
                        notice: "That link has been used, has expired or its token was revoked. "
                            + "Run firebreak token login NAME for a new one, or paste a token.")
                }
            }
            return WebSignIn.signedIn(session, request: request, to: "/")
        }
        form("/signout", role: .viewer) { request, _, session, _ in
            try await backend.run { try await WebSessionStore(database: $0).end(session: session.id) }
            var response = WebPage.redirect("/signin")
            response.setCookie(WebSignIn.cookie(WebApp.sessionCookie, "", maxAge: 0, request: request))
            return response
        }
    }
}

import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders the web app's pages and answers them with the headers every page carries.
enum WebPage {
    /// No inline script or style, nothing from elsewhere: the stylesheet comes from this origin, and
    /// forms post only here.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    /// What the layout shows around a page.
    struct Layout {
        var title: String
        var signedIn: Bool
        var who: String
        var role: String
        var csrf: String
        var nav: [NavLink]
        var body: String
    }

    struct NavLink {
        var href: String
        var label: String
        var current: Bool
    }

    /// The pages a role reaches from the navigation, in order.
    static func navigation(for principal: TokenStore.Principal, current: String) -> [NavLink] {
        var links: [(String, String)] = []
        if principal.role >= .manager { links.append(("/overview", "Overview")) }
        if principal.role >= .engineer, principal.engineer != nil { links.append(("/work", "My work")) }
        links.append(("/backlog", "Backlog"))
        links.append(("/plan", "Plan"))
        links.append(("/incidents", "Incidents"))
        if principal.role >= .manager { links.append(("/settings", "Settings")) }
        return links.map { NavLink(href: $0.0, label: $0.1, current: $0.0 == current) }
    }

    /// `template` rendered with `view`, inside the layout, as an HTML response.
    static func render(
        _ template: String, _ view: Any, title: String, session: WebSession?, current: String = "",
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let body = WebTemplates.library.render(WebTemplateValue.of(view), withTemplate: template) ?? ""
        let layout = Layout(
            title: title, signedIn: session != nil,
            who: session?.principal.engineer ?? session?.principal.tokenName ?? "",
            role: session?.principal.role.rawValue ?? "", csrf: session?.csrf ?? "",
            nav: session.map { navigation(for: $0.principal, current: current) } ?? [], body: body)
        return html(
            WebTemplates.library.render(WebTemplateValue.of(layout), withTemplate: "layout") ?? "", status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303 See Other to `location`: the answer to every form that worked (redirect after POST).
    static func redirect(_ location: String) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    static var securityHeaders: HTTPFields {
        [
            .contentSecurityPolicy: contentSecurityPolicy, .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "same-origin", HTTPField.Name("X-Frame-Options")!: "DENY",
        ]
    }

    /// The error page for `problem`: 404 and 403 and the rest, as HTML.
    static func error(_ problem: Problem, session: WebSession?) -> Response {
        struct View {
            var heading: String
            var detail: String
            var back: String
            var backLabel: String
        }
        let heading: String
        switch problem.status {
        case .notFound: heading = "Page not found"
        case .forbidden: heading = "Not allowed"
        case .conflict: heading = "Someone got there first"
        case .serviceUnavailable: heading = "Try again in a moment"
        default: heading = problem.title
        }
        let detail =
            problem.status == .notFound && problem.detail.hasPrefix("no such route")
            ? "There is no page at this address." : problem.detail
        let view = View(
            heading: heading, detail: detail, back: session == nil ? "/signin" : "/",
            backLabel: session == nil ? "Sign in" : "Go to the start page")
        return render("error", view, title: heading, session: session, status: problem.status)
    }
}

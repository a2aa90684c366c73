import FirebreakCore
public import FirebreakStore
import Foundation
public import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// One route of the service: the router serves it and `openapi.yaml` must describe it.
public struct APIRoute: Sendable, Hashable, CustomStringConvertible {
    public var method: HTTPRequest.Method
    /// The path as OpenAPI writes it: `/v1/teams/{team}`.
    public var path: String
    /// The least role that may call it; nil for the open routes (health, metrics, the document).
    public var role: TokenStore.Role?

    public var description: String { "\(method.rawValue) \(path)" }
}

/// Registers routes on the router and keeps the list of them, so that the role checks and the
/// OpenAPI test read the same table the router serves from.
struct RouteRegistry {
    typealias Context = FirebreakRequestContext
    typealias Handler = @Sendable (Request, Context) async throws -> Response

    let group: RouterGroup<Context>
    let prefix: String
    private(set) var routes: [APIRoute] = []

    init(group: RouterGroup<Context>, prefix: String) {
        self.group = group
        self.prefix = prefix
    }

    /// Serves `method path` to callers holding at least `role`.
    mutating func on(
        _ method: HTTPRequest.Method, _ path: String, role: TokenStore.Role, _ handler: @escaping Handler
    ) {
        routes.append(APIRoute(method: method, path: prefix + "/" + path, role: role))
        group.on(RouterPath(path), method: method) { request, context in
            _ = try context.require(role)
            return try await handler(request, context)
        }
    }

    mutating func get(_ path: String, role: TokenStore.Role, _ handler: @escaping Handler) {
        on(.get, path, role: role, handler)
    }
    mutating func post(_ path: String, role: TokenStore.Role, _ handler: @escaping Handler) {
        on(.post, path, role: role, handler)
    }
    mutating func patch(_ path: String, role: TokenStore.Role, _ handler: @escaping Handler) {
        on(.patch, path, role: role, handler)
    }
    mutating func put(_ path: String, role: TokenStore.Role, _ handler: @escaping Handler) {
        on(.put, path, role: role, handler)
    }
    mutating func delete(_ path: String, role: TokenStore.Role, _ handler: @escaping Handler) {
        on(.delete, path, role: role, handler)
    }
}

/// Responses of the API.
enum Reply {
    /// `value` as JSON with the project's stable encoding (sorted keys, ISO dates).
    static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, version: Int? = nil,
        location: String? = nil
    ) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let version { headers[.eTag] = ETag.make(version) }
        if let location { headers[.location] = location }
        let data = try PlanJSON.encoder.encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ text: String, mediaType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: mediaType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func noContent() -> Response { Response(status: .noContent) }
}

/// Entity tags are row versions: `"v7"`. A `PATCH` must send `If-Match` with the tag it read.
enum ETag {
    static func make(_ version: Int) -> String { "\"v\(version)\"" }

    /// The version `If-Match` names (nil for `*`: any version); 428 when it is missing, 412 when
    /// it is not one of ours.
    static func required(_ request: Request) throws -> Int? {
        guard let header = request.headers[.ifMatch] else {
            throw Problem(
                .preconditionRequired, status: .preconditionRequired,
                detail: "send If-Match with the ETag of the version you changed (GET it first)")
        }
        let tag = header.trimmingCharacters(in: .whitespaces)
        if tag == "*" { return nil }
        guard tag.hasPrefix("\"v"), tag.hasSuffix("\""), let version = Int(tag.dropFirst(2).dropLast()) else {
            throw Problem(
                .stale, status: .preconditionFailed, detail: "If-Match \(header) is not a version of this resource",
                field: "If-Match")
        }
        return version
    }
}

extension Request {
    /// A query parameter, if present (the first, when given twice), decoded as forms and HTTP clients
    /// encode it: `+` is a space and `%XX` a byte of UTF-8. 400 when it does not decode, or holds a NUL,
    /// which no text in the database can (Hummingbird's `queryParameters` keeps `+` and bad escapes as
    /// they are, so `?storyPointsField=Story+Points` would not match).
    func query(_ name: String) throws -> String? {
        guard let query = uri.query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard Self.formDecoded(parts[0]) == name else { continue }
            guard let value = Self.formDecoded(parts.count > 1 ? parts[1] : ""), !value.contains("\0") else {
                throw Problem(
                    .invalid, status: .badRequest,
                    detail: "\(name) is not text: a bad %-escape, bytes that are not UTF-8, or a NUL", field: name)
            }
            return value
        }
        return nil
    }

    /// `text` as `application/x-www-form-urlencoded` encodes it; nil when an escape is broken.
    static func formDecoded(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// A true/false query parameter (absent: false).
    func flag(_ name: String) throws -> Bool {
        guard let value = try query(name) else { return false }
        switch value {
        case "true", "1", "": return true
        case "false", "0": return false
        default:
            throw Problem(.invalid, status: .badRequest, detail: "\(name) must be true or false", field: name)
        }
    }

    /// A positive whole-number query parameter.
    func positive(_ name: String) throws -> Int? {
        guard let value = try query(name) else { return nil }
        guard let number = Int(value), number >= 1 else {
            throw Problem(
                .invalid, status: .badRequest, detail: "\(name) must be a whole number of 1 or more", field: name)
        }
        return number
    }

    /// `asOf` (YYYY-MM-DD or an ISO 8601 time); now when absent.
    func asOf(now: Date = Date()) throws -> Date {
        guard let value = try query("asOf") else { return now }
        guard let date = ReportDate.parse(value) else {
            throw Problem(
                .invalid, status: .badRequest, detail: "asOf \"\(value)\" is not a date (YYYY-MM-DD)", field: "asOf")
        }
        return date
    }
}

extension FirebreakRequestContext {
    /// A path parameter the route declares, percent-decoded: Hummingbird hands it over as sent, so
    /// `%2B3` would not read as `+3`. 404 when it does not decode to text without a NUL, since nothing
    /// stored can have such a name.
    func parameter(_ name: String) throws -> String {
        guard let raw = parameters.get(name) else {
            throw Problem(.malformed, status: .badRequest, detail: "missing \(name)", field: name)
        }
        guard let value = raw.removingPercentEncoding, !value.contains("\0") else {
            throw Problem(.notFound, status: .notFound, detail: "no \(name) \"\(raw)\"", field: name)
        }
        return value
    }
}

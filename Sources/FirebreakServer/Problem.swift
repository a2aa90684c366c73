import FirebreakCore
import FirebreakStore
import Foundation
public import HTTPTypes
public import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// An error response as RFC 9457 describes: `application/problem+json` with a stable `type`,
/// a title, the detail a user can act on, and the field at fault when there is one.
public struct Problem: Error, HTTPResponseError, Encodable, Sendable, Equatable {
    /// A stable identifier of the kind of problem: `urn:firebreak:problem:<slug>`.
    public var type: String
    public var title: String
    public var status: HTTPResponse.Status
    public var detail: String
    /// The request field at fault (a JSON path such as `coverage`, or a query parameter).
    public var field: String?

    public init(_ slug: Slug, status: HTTPResponse.Status, detail: String, field: String? = nil) {
        type = "urn:firebreak:problem:" + slug.rawValue
        title = slug.title
        self.status = status
        self.detail = detail
        self.field = field
    }

    /// Every kind of problem the service answers with; the `type` URIs are part of the API.
    public enum Slug: String, Sendable, CaseIterable {
        case unauthorized, forbidden, notFound = "not-found", invalid, malformed, conflict, stale
        case preconditionRequired = "precondition-required", tooLarge = "too-large"
        case unsupportedMediaType = "unsupported-media-type", methodNotAllowed = "method-not-allowed"
        case uriTooLong = "uri-too-long", headersTooLarge = "headers-too-large"
        case unavailable, internalError = "internal"

        var title: String {
            switch self {
            case .unauthorized: "Missing or invalid bearer token"
            case .forbidden: "The token's role may not do this"
            case .notFound: "Not found"
            case .invalid: "The request breaks a rule"
            case .malformed: "The request body could not be read"
            case .conflict: "Conflict"
            case .stale: "The resource changed since it was read"
            case .preconditionRequired: "If-Match is required"
            case .tooLarge: "The request body is too large"
            case .unsupportedMediaType: "Unsupported media type"
            case .methodNotAllowed: "Method not allowed"
            case .uriTooLong: "The URL is too long"
            case .headersTooLarge: "The request's header fields are too large"
            case .unavailable: "The database is not available"
            case .internalError: "Internal error"
            }
        }
    }

    enum CodingKeys: String, CodingKey { case type, title, status, detail, field }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(title, forKey: .title)
        try container.encode(status.code, forKey: .status)
        try container.encode(detail, forKey: .detail)
        try container.encodeIfPresent(field, forKey: .field)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"firebreak\"" }
        let data = try JSONEncoder.problem.encode(self)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension JSONEncoder {
    static let problem: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}

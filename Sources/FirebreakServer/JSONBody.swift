import FirebreakCore
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// Reads request bodies: within the configured size (else 413), as JSON objects whose
/// unknown keys are refused (a typo must not be silently ignored when it changes data).
enum JSONBody {
    static func read(_ request: Request, limit: Int) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem(.tooLarge, status: .contentTooLarge, detail: "the body is over \(limit) bytes")
        }
        do {
            var request = request
            return try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem(.tooLarge, status: .contentTooLarge, detail: "the body is over \(limit) bytes")
        }
    }

    /// Decodes `T` from the body; `allowed` lists the keys the object may have.
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, limit: Int, allowed: Set<String>
    ) async throws -> T {
        let buffer = try await read(request, limit: limit)
        return try decode(type, from: Data(buffer.readableBytesView), allowed: allowed)
    }

    /// Decodes `T` from a body's bytes: a problem (400) when they are not a JSON object in UTF-8, a
    /// problem (422) for a key given twice in one object or a key outside `allowed`, and the
    /// `DecodingError` that ``Problem/from(_:logger:)`` answers with a 400 when a field has the
    /// wrong shape.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, allowed: Set<String>) throws -> T {
        // RFC 8259: JSON between systems is UTF-8. JSONSerialization also reads UTF-16 and UTF-32,
        // which the check for keys given twice does not, and takes NUL bytes for their sign: `{\0\0\0}`
        // read as UTF-32 `{}`. No JSON text holds a raw NUL (in a string it is escaped), so none passes.
        guard !data.contains(0), String(validating: data, as: UTF8.self) != nil,
            let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else {
            throw Problem(.malformed, status: .badRequest, detail: "the body is not valid JSON in UTF-8")
        }
        guard let fields = object as? [String: Any] else {
            throw Problem(.malformed, status: .badRequest, detail: "the body must be a JSON object")
        }
        if let twice = JSONDuplicateKeys.first(in: data) {
            throw Problem(
                .invalid, status: .unprocessableContent,
                detail: "\(twice) is given twice; give each key once", field: twice)
        }
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Problem(
                .invalid, status: .unprocessableContent,
                detail: "unknown field \(unknown); known: \(allowed.sorted().joined(separator: ", "))", field: unknown)
        }
        if let field = fields.keys.sorted().first(where: { Self.holdsNUL(fields[$0]!) }) {
            throw Problem(
                .invalid, status: .unprocessableContent,
                detail: "\(field) holds a NUL character (\\u0000), which no stored text can", field: field)
        }
        return try PlanJSON.decoder.decode(T.self, from: data)
    }

    /// Whether a decoded JSON value is, or contains, a string with a NUL: PostgreSQL's text cannot
    /// hold one, so it is refused here rather than by the database.
    static func holdsNUL(_ value: Any) -> Bool {
        switch value {
        case let string as String: string.contains("\0")
        case let array as [Any]: array.contains(where: holdsNUL)
        case let object as [String: Any]: object.values.contains(where: holdsNUL)
        default: false
        }
    }

    /// The body as UTF-8 text (a Markdown report, a Jira CSV), without NUL characters.
    static func text(_ request: Request, limit: Int) async throws -> String {
        let buffer = try await read(request, limit: limit)
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self), !text.isEmpty,
            !text.contains("\0")
        else {
            throw Problem(.malformed, status: .badRequest, detail: "the body is empty, not UTF-8, or holds a NUL")
        }
        return text
    }
}

import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

extension Problem {
    /// The problem a caller sees for `error`. Errors this does not know are 500s with no detail
    /// beyond the request id; they are logged in full.
    static func from(_ error: any Error, logger: Logger) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as StoreError:
            switch error.kind {
            case .invalid:
                return Problem(.invalid, status: .unprocessableContent, detail: error.message, field: error.field)
            case .notFound:
                // Named by a field of the request's body: the request is at fault, not its URI.
                guard let field = error.field else {
                    return Problem(.notFound, status: .notFound, detail: error.message)
                }
                return Problem(.notFound, status: .unprocessableContent, detail: error.message, field: field)
            case .conflict: return Problem(.conflict, status: .conflict, detail: error.message, field: error.field)
            case .stale: return Problem(.stale, status: .preconditionFailed, detail: error.message)
            case .unavailable:
                logger.warning("database unavailable", metadata: ["error": "\(error.message)"])
                return Problem(.unavailable, status: .serviceUnavailable, detail: "the database is not available")
            case .internal:
                logger.error("database refused a statement", metadata: ["error": "\(error.message)"])
                return Problem(
                    .internalError, status: .internalServerError, detail: "internal error; see the server log")
            }
        case let error as Refusal:
            return Problem(.forbidden, status: .forbidden, detail: error.message, field: error.field)
        case let error as ReportError:
            return Problem(.invalid, status: .unprocessableContent, detail: error.description)
        case let error as DecodingError:
            return Problem(.malformed, status: .badRequest, detail: Self.describe(error), field: Self.field(of: error))
        case let error as any HTTPResponseError:
            return Self.http(error.status)
        case is PSQLError, is PostgresTransactionError:
            let translated = Database.translate(error, logger: logger)
            if translated is StoreError { return from(translated, logger: logger) }
            logger.warning("database error", metadata: ["error": "\(String(reflecting: error))"])
            return Problem(.unavailable, status: .serviceUnavailable, detail: "the database is not available")
        default:
            logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Problem(.internalError, status: .internalServerError, detail: "internal error; see the server log")
        }
    }

    /// A problem for a status Hummingbird answered by itself (no route, body too large).
    static func http(_ status: HTTPResponse.Status) -> Problem {
        switch status {
        case .notFound: Problem(.notFound, status: status, detail: "no such route; see /openapi.yaml")
        case .methodNotAllowed: Problem(.methodNotAllowed, status: status, detail: "see /openapi.yaml")
        case .contentTooLarge: Problem(.tooLarge, status: status, detail: "the request body is over the limit")
        case .unsupportedMediaType: Problem(.unsupportedMediaType, status: status, detail: "see /openapi.yaml")
        case .unauthorized: Problem(.unauthorized, status: status, detail: "send Authorization: Bearer TOKEN")
        case .forbidden: Problem(.forbidden, status: status, detail: "the token's role may not do this")
        case .serviceUnavailable: Problem(.unavailable, status: status, detail: "the database is not available")
        default:
            status.code >= 500
                ? Problem(.internalError, status: status, detail: status.reasonPhrase)
                : Problem(.malformed, status: status, detail: status.reasonPhrase)
        }
    }

    static func field(of error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        @unknown default: return nil
        }
        let names = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        return names.isEmpty ? nil : names.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "\(key.stringValue) is required"
        case .typeMismatch(let type, _): "expected \(Self.name(of: type))"
        case .valueNotFound(let type, _): "expected \(Self.name(of: type)), found null"
        case .dataCorrupted(let context):
            context.codingPath.isEmpty ? "the body is not valid JSON" : context.debugDescription
        @unknown default: "the body could not be read"
        }
    }

    static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "a value of another type"
        }
    }
}

/// Turns every error thrown below it into a problem+json response, so no route can answer
/// with an internal message or an empty 500.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Problem.from(error, logger: context.logger).response(from: request, context: context)
        }
    }
}

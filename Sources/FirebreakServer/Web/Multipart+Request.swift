import HTTPTypes
import Hummingbird
import NIOCore

extension Multipart {
    /// The `multipart/form-data` body of `request`: read within `limit` bytes by the API's body reader
    /// (413 past it), then parsed with at most `parts` parts. A problem, as an error page shows it, when
    /// it is too large (413), not multipart (415) or not well formed (400).
    static func read(_ request: Request, limit: Int, parts: Int) async throws -> Multipart {
        do {
            let boundary = try Self.boundary(contentType: request.headers[.contentType])
            let body = try await JSONBody.read(request, limit: limit)
            return try Self.parse(Array(body.readableBytesView), boundary: boundary, limits: Limits(parts: parts))
        } catch let failure as Failure {
            switch failure.kind {
            case .mediaType:
                throw Problem(
                    .unsupportedMediaType, status: .unsupportedMediaType, detail: failure.reason, field: "Content-Type")
            case .malformed: throw Problem(.malformed, status: .badRequest, detail: failure.reason)
            case .tooLarge: throw Problem(.tooLarge, status: .contentTooLarge, detail: failure.reason)
            }
        }
    }
}

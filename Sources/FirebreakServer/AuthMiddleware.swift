import FirebreakCore
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// Reads `Authorization: Bearer TOKEN` on `/v1` routes and puts who it speaks for in the
/// context; a missing, unknown or revoked token gets 401. The token itself is never logged.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = FirebreakRequestContext
    let backend: Backend

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization], header.utf8.count > 7,
            header.utf8.prefix(7).elementsEqual("bearer ".utf8, by: { (0x41...0x5A ~= $0 ? $0 | 0x20 : $0) == $1 })
        else {
            throw Problem(.unauthorized, status: .unauthorized, detail: "send Authorization: Bearer TOKEN")
        }
        // HTTP's optional whitespace (spaces and tabs), trimmed without Foundation's
        // trimmingCharacters(in:), which bridged the header to NSString on every request.
        var bytes = header.utf8.dropFirst(7)
        while let byte = bytes.first, byte == 0x20 || byte == 0x09 { bytes.removeFirst() }
        while let byte = bytes.last, byte == 0x20 || byte == 0x09 { bytes.removeLast() }
        let token = String(Substring(bytes))
        guard let digest = TokenStore.digest(token),
            let principal = try await backend.tokens.principal(
                for: digest,
                lookup: { digest in
                    try await backend.run { try await TokenStore(database: $0).authenticate(digest: digest) }
                })
        else {
            throw Problem(.unauthorized, status: .unauthorized, detail: "the token is unknown or revoked")
        }
        var context = context
        context.principal = principal
        context.logger[metadataKey: "token"] = "\(principal.tokenName)"
        return try await next(request, context)
    }
}

extension FirebreakRequestContext {
    /// The caller, checked to hold at least `role`.
    func require(_ role: TokenStore.Role) throws -> TokenStore.Principal {
        guard let principal else {
            throw Problem(.unauthorized, status: .unauthorized, detail: "send Authorization: Bearer TOKEN")
        }
        guard principal.role >= role else {
            throw Problem(
                .forbidden, status: .forbidden,
                detail: role.shortfall(of: principal.tokenName, holding: principal.role))
        }
        return principal
    }

    /// The name audit entries record for the caller.
    var actor: String { principal.map { "api:\($0.tokenName)" } ?? "api" }
}

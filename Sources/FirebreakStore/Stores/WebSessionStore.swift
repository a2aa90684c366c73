import Crypto
public import Foundation
import Logging
import PostgresNIO

/// The web app's sessions and one-use sign-in links. A session speaks for the API token it was opened
/// with (its role and engineer) until it expires, is signed out or the token is revoked. Only the
/// SHA-256 of a session id or a link secret is stored; the cookie and the link hold the secret itself.
public struct WebSessionStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// How long a session lasts from sign-in: 12 hours (a working day), then the user signs in again.
    public static let sessionLifetime: Duration = .seconds(12 * 3600)
    /// How long a sign-in link may be opened: 10 minutes, once.
    public static let linkLifetime: Duration = .seconds(600)

    /// Prefixes that tell a session id and a sign-in link's secret from a token and from each other.
    static let sessionPrefix = "fbs_"
    static let linkPrefix = "fbl_"

    /// Opens a session for the live token `token`; nil when it is unknown or revoked.
    public func open(token: String) async throws -> String? {
        guard let digest = TokenStore.digest(token) else { return nil }
        let session = Self.generate(Self.sessionPrefix)
        let rows = try await database.client.query(
            """
            INSERT INTO web_sessions (id_hash, token_id, expires_at)
            SELECT \(Self.hash(session)), id, now() + make_interval(secs => \(Self.seconds(Self.sessionLifetime)))
            FROM api_tokens WHERE token_hash = \(digest) AND revoked_at IS NULL
            RETURNING 1
            """, logger: database.logger)
        for try await _ in rows { return session }
        return nil
    }

    /// Makes a one-use sign-in link secret for the live token named `name`.
    public func makeLink(tokenName name: String) async throws -> String {
        let secret = Self.generate(Self.linkPrefix)
        let rows = try await database.client.query(
            """
            INSERT INTO web_login_links (secret_hash, token_id, expires_at)
            SELECT \(Self.hash(secret)), id, now() + make_interval(secs => \(Self.seconds(Self.linkLifetime)))
            FROM api_tokens WHERE name = \(name) AND revoked_at IS NULL
            RETURNING 1
            """, logger: database.logger)
        for try await _ in rows { return secret }
        throw StoreError.notFound("no live token named \(name)", field: "name")
    }

    /// Uses the link `secret` (once, before it expires) to open a session; nil when it cannot.
    public func open(link secret: String) async throws -> String? {
        guard secret.hasPrefix(Self.linkPrefix), secret.utf8.count < 200 else { return nil }
        let session = Self.generate(Self.sessionPrefix)
        // One statement: two requests with the same link cannot both see it unused.
        let rows = try await database.client.query(
            """
            WITH used AS (
                UPDATE web_login_links l SET used_at = now()
                FROM api_tokens t
                WHERE l.secret_hash = \(Self.hash(secret)) AND l.used_at IS NULL AND l.expires_at > now()
                  AND t.id = l.token_id AND t.revoked_at IS NULL
                RETURNING l.token_id)
            INSERT INTO web_sessions (id_hash, token_id, expires_at)
            SELECT \(Self.hash(session)), token_id,
                   now() + make_interval(secs => \(Self.seconds(Self.sessionLifetime)))
            FROM used
            RETURNING 1
            """, logger: database.logger)
        for try await _ in rows { return session }
        return nil
    }

    /// Who the session `session` speaks for; nil when it is unknown, expired, signed out or its token revoked.
    public func principal(session: String) async throws -> TokenStore.Principal? {
        guard session.hasPrefix(Self.sessionPrefix), session.utf8.count < 200 else { return nil }
        let rows = try await database.client.query(
            """
            SELECT t.name, t.role, e.handle
            FROM web_sessions s JOIN api_tokens t ON t.id = s.token_id
            LEFT JOIN engineers e ON e.id = t.engineer_id
            WHERE s.id_hash = \(Self.hash(session)) AND s.ended_at IS NULL AND s.expires_at > now()
              AND t.revoked_at IS NULL
            """, logger: database.logger)
        for try await (name, role, engineer) in rows.decode((String, String, String?).self) {
            guard let role = TokenStore.Role(rawValue: role) else { return nil }
            return TokenStore.Principal(tokenName: name, role: role, engineer: engineer)
        }
        return nil
    }

    /// Ends the session `session` (signing out); expired sessions are deleted on the way.
    public func end(session: String) async throws {
        try await database.client.query(
            "UPDATE web_sessions SET ended_at = now() WHERE id_hash = \(Self.hash(session)) AND ended_at IS NULL",
            logger: database.logger)
        try await database.client.query(
            "DELETE FROM web_sessions WHERE expires_at < now() - interval '1 day'", logger: database.logger)
    }

    /// Moves the expiry of `session` to `date`: for tests of an expired session.
    package func expire(session: String, at date: Date) async throws {
        try await database.client.query(
            """
            UPDATE web_sessions SET created_at = \(date) - interval '1 second', expires_at = \(date)
            WHERE id_hash = \(Self.hash(session))
            """, logger: database.logger)
    }

    /// The CSRF token of the forms of `session` (or of a sign-in form's nonce): derived from the secret
    /// the cookie holds, so it is stored nowhere and a page of another origin cannot know it.
    public static func csrfToken(for session: String) -> String {
        let digest = SHA256.hash(data: Data(("firebreak-csrf:" + session).utf8))
        return Data(digest).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A random nonce for the sign-in form's cookie, before there is a session.
    public static func signInNonce() -> String { generate("fbn_") }

    /// 32 random bytes from the system's generator, base64url, after `prefix`.
    static func generate(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix
            + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ secret: String) -> Data { Data(SHA256.hash(data: Data(secret.utf8))) }

    static func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) }
}

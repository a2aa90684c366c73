import Crypto
public import Foundation
import Logging
import PostgresNIO

/// API tokens: made once, shown once, stored only as a SHA-256 hash.
public struct TokenStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// What a token may do (DESIGN §7): viewers read, engineers also claim as themselves,
    /// managers do everything.
    public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
        case viewer, engineer, manager

        public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }

        var rank: Int {
            switch self {
            case .viewer: 0
            case .engineer: 1
            case .manager: 2
            }
        }

        /// `a viewer`, `an engineer`, `a manager`.
        public var withArticle: String { (self == .engineer ? "an " : "a ") + rawValue }

        /// Why the token `name`, holding `holder`, may not do what needs `self`: one sentence, for
        /// the CLI, the API and the web app alike.
        public func shortfall(of name: String, holding holder: Role) -> String {
            "this needs \(withArticle) token; \(name) is \(holder.withArticle)"
        }
    }

    /// Who a token speaks for.
    public struct Principal: Sendable, Equatable {
        public var tokenName: String
        public var role: Role
        /// The engineer an engineer token acts as; managers may name one too.
        public var engineer: String?

        public init(tokenName: String, role: Role, engineer: String?) {
            self.tokenName = tokenName
            self.role = role
            self.engineer = engineer
        }
    }

    /// A token as `token list` shows it: never the token itself.
    public struct Listing: Sendable, Codable, Equatable {
        public var name: String
        public var role: Role
        public var engineer: String?
        public var createdAt: Date
        public var lastUsedAt: Date?
        public var revokedAt: Date?
    }

    /// Makes a token, stores its hash and returns the token: the only time it is ever seen.
    public func create(name: String, role: Role, engineer: String?, actor: String) async throws -> String {
        if let problem = Self.nameProblem(name) { throw problem }
        if role == .engineer, engineer == nil {
            throw StoreError.invalid(
                "an engineer token needs --engineer HANDLE: it claims as that engineer", field: "engineer")
        }
        let token = Self.generate()
        let hash = Self.hash(token)
        let logger = database.logger
        try await database.transaction { connection in
            var engineerID: Int?
            if let engineer {
                let rows = try await connection.query(
                    "SELECT id FROM engineers WHERE handle = \(engineer)", logger: logger)
                for try await id in rows.decode(Int.self) { engineerID = id }
                guard engineerID != nil else { throw StoreError.notFound("no engineer \(engineer)", field: "engineer") }
            }
            let taken = try await connection.query("SELECT 1 FROM api_tokens WHERE name = \(name)", logger: logger)
            for try await _ in taken {
                throw StoreError.conflict(
                    "a token named \(name) already exists (a revoked token keeps its name); choose another name",
                    field: "name")
            }
            try await connection.query(
                """
                INSERT INTO api_tokens (name, role, engineer_id, token_hash)
                VALUES (\(name), \(role.rawValue), \(engineerID), \(hash))
                """, logger: logger)
            try await AuditLog.record(
                actor: actor, verb: "token.create", subject: name, teamID: nil, details: ["role": role.rawValue],
                on: connection, logger: logger)
        }
        return token
    }

    /// The longest token name, in Unicode scalars (PostgreSQL's `length`); the schema's limit.
    public static let maxNameLength = 100

    /// Why `name` cannot name a token, or nil.
    public static func nameProblem(_ name: String) -> StoreError? {
        guard (1...maxNameLength).contains(name.unicodeScalars.count) else {
            return .invalid("token name must be 1 to \(maxNameLength) characters", field: "name")
        }
        guard !name.contains("\0") else { return .invalid("token name holds a NUL character", field: "name") }
        return nil
    }

    public func list() async throws -> [Listing] {
        let rows = try await database.client.query(
            """
            SELECT t.name, t.role, e.handle, t.created_at, t.last_used_at, t.revoked_at
            FROM api_tokens t LEFT JOIN engineers e ON e.id = t.engineer_id ORDER BY t.created_at, t.id
            """, logger: database.logger)
        var result: [Listing] = []
        for try await r in rows.decode((String, String, String?, Date, Date?, Date?).self) {
            result.append(
                Listing(
                    name: r.0, role: try StoredCode.decode(r.1, column: "tokens.role"), engineer: r.2, createdAt: r.3,
                    lastUsedAt: r.4,
                    revokedAt: r.5))
        }
        return result
    }

    /// Revokes token `name`; it stops working at once, on every server.
    public func revoke(name: String, actor: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            let rows = try await connection.query(
                "UPDATE api_tokens SET revoked_at = now() WHERE name = \(name) AND revoked_at IS NULL RETURNING 1",
                logger: logger)
            var found = false
            for try await _ in rows { found = true }
            guard found else { throw StoreError.notFound("no live token named \(name)") }
            try await AuditLog.record(
                actor: actor, verb: "token.revoke", subject: name, teamID: nil, on: connection, logger: logger)
        }
    }

    /// The principal of a live token, or nil. One round trip; `last_used_at` is written at most
    /// once a minute per token, so reads stay reads under load.
    public func authenticate(_ token: String) async throws -> Principal? {
        guard let digest = Self.digest(token) else { return nil }
        return try await authenticate(digest: digest)
    }

    /// The principal of the live token whose ``digest(_:)`` this is, or nil.
    public func authenticate(digest hash: Data) async throws -> Principal? {
        let rows = try await database.client.query(
            """
            WITH t AS (SELECT id, name, role, engineer_id, last_used_at FROM api_tokens
                       WHERE token_hash = \(hash) AND revoked_at IS NULL),
                 touched AS (UPDATE api_tokens SET last_used_at = now()
                             WHERE id IN (SELECT id FROM t WHERE last_used_at IS NULL
                                          OR last_used_at < now() - interval '1 minute'))
            SELECT t.name, t.role, e.handle FROM t LEFT JOIN engineers e ON e.id = t.engineer_id
            """, logger: database.logger)
        for try await (name, role, engineer) in rows.decode((String, String, String?).self) {
            guard let role = Role(rawValue: role) else { return nil }
            return Principal(tokenName: name, role: role, engineer: engineer)
        }
        return nil
    }

    /// Every token starts with this, so that secret scanners and people can tell what it is.
    public static let prefix = "fbk_"

    /// 32 random bytes, base64url: 256 bits from the system's generator.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return prefix + text
    }

    static func hash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }

    /// What is stored of a token (its SHA-256), or nil when the text cannot be a token at all.
    public static func digest(_ token: String) -> Data? {
        guard token.hasPrefix(prefix), token.utf8.count < 200 else { return nil }
        return hash(token)
    }
}

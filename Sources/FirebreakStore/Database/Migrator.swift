import Crypto
public import Foundation
import Logging
import PostgresNIO

/// Applies the numbered plain-SQL migrations of `sql/` (shipped as a resource).
///
/// Each migration runs in its own transaction and is recorded with its SHA-256.
/// A session-level advisory lock serialises migrators, so two processes starting
/// at once apply each migration exactly once. A recorded migration whose file has
/// changed since is an error: migrations are append-only.
public struct Migrator: Sendable {
    public struct Migration: Sendable, Equatable {
        public var version: Int
        public var name: String
        public var sql: String
        public var checksum: String
    }

    /// The state of one migration in a database.
    public struct Status: Sendable {
        public var migration: Migration
        public var appliedAt: Date?
    }

    /// `hashtext('firebreak.migrations')`-like constant: any fixed 64-bit number serves.
    static let lockKey: Int64 = 0x4649_5245_4252_4b31

    public let database: Database

    public init(database: Database) { self.database = database }

    /// The migrations shipped with this build, in order.
    public static func bundled() throws -> [Migration] {
        guard let folder = Bundle.module.url(forResource: "sql", withExtension: nil) else {
            throw StoreError.unavailable("the migrations folder sql/ is missing from this build")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
        return try names.sorted().map { name in
            guard let version = Int(name.prefix(while: \.isNumber)) else {
                throw StoreError.invalid("migration \(name) does not start with its number")
            }
            let sql = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
            return Migration(version: version, name: name, sql: sql, checksum: checksum)
        }
    }

    /// Applies what is pending, up to and including version `last` (tests stop short of a
    /// migration to see what it does to rows stored before it); returns the names it applied.
    @discardableResult
    public func migrate(upTo last: Int = .max) async throws -> [String] {
        let migrations = try Self.bundled().filter { $0.version <= last }
        let logger = database.logger
        return try await database.client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
            do {
                let applied = try await Self.appliedMigrations(connection, logger: logger)
                var done: [String] = []
                for migration in migrations {
                    if let checksum = applied[migration.version] {
                        guard checksum == migration.checksum else {
                            throw StoreError.invalid(
                                "migration \(migration.name) has changed since it was applied; add a new migration instead"
                            )
                        }
                        continue
                    }
                    try await connection.withTransaction(logger: logger) { tx in
                        for statement in SQLScript.statements(migration.sql) {
                            try await tx.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await tx.query(
                            """
                            INSERT INTO schema_migrations (version, name, checksum)
                            VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                            """, logger: logger)
                    }
                    done.append(migration.name)
                }
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                return done
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                throw Database.translate(error)
            }
        }
    }

    /// Every bundled migration with when it was applied (nil: pending).
    public func status() async throws -> [Status] {
        let migrations = try Self.bundled()
        let logger = database.logger
        let applied: [Int: Date] = try await database.client.withConnection { connection in
            try await Self.ensureTable(connection, logger: logger)
            var result: [Int: Date] = [:]
            let rows = try await connection.query("SELECT version, applied_at FROM schema_migrations", logger: logger)
            for try await (version, at) in rows.decode((Int, Date).self) { result[version] = at }
            return result
        }
        return migrations.map { Status(migration: $0, appliedAt: applied[$0.version]) }
    }

    static func ensureTable(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, logger: logger)
    }

    static func appliedMigrations(_ connection: PostgresConnection, logger: Logger) async throws -> [Int: String] {
        try await ensureTable(connection, logger: logger)
        var result: [Int: String] = [:]
        let rows = try await connection.query("SELECT version, checksum FROM schema_migrations", logger: logger)
        for try await (version, checksum) in rows.decode((Int, String).self) { result[version] = checksum }
        return result
    }
}

import Foundation
public import Logging
public import PostgresNIO

/// A running connection pool to Firebreak's database, with its migrations applied.
///
/// Use ``Database/open(_:logger:migrate:_:)``: it starts the embedded cluster when
/// needed, runs the pool for the duration of the body and shuts it down after.
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Opens the database that `settings` names, applies pending migrations unless
    /// `migrate` is false, and runs `body` with it.
    public static func open<Result: Sendable>(
        _ settings: DatabaseSettings, logger: Logger, migrate: Bool = true,
        _ body: @Sendable (Database) async throws -> Result
    ) async throws -> Result {
        let server: DatabaseServer
        switch settings {
        case .server(let named, _):
            server = named
        case .embedded(let cluster):
            try cluster.ensureRunning()
            try await createEmbeddedDatabase(cluster, logger: logger)
            server = DatabaseServer(
                unixSocketPath: cluster.socketPath, username: EmbeddedCluster.role, password: nil,
                database: EmbeddedCluster.database)
        }
        return try await run(server, logger: logger) { database in
            if migrate { try await Migrator(database: database).migrate() }
            return try await body(database)
        }
    }

    /// Connects to `server` once, as libpq would (its `sslmode` fallbacks), then runs a pool during `body`
    /// with the encryption that worked.
    /// - Throws: ``StoreError/Kind/unavailable``, `cannot connect to HOST:PORT: CAUSE`, within the
    ///   connect timeout, when the first connection fails; ``StoreError/Kind/invalid`` for TLS settings
    ///   that cannot be used.
    public static func run<Result: Sendable>(
        _ server: DatabaseServer, logger: Logger,
        _ body: @Sendable (Database) async throws -> Result
    ) async throws -> Result {
        let configuration = try await server.firstConnection(logger: logger)
        return try await run(configuration, logger: logger, body)
    }

    /// Runs a pool for `configuration` during `body`, as it is: no first connection, no fallbacks.
    public static func run<Result: Sendable>(
        _ configuration: PostgresClient.Configuration, logger: Logger,
        _ body: @Sendable (Database) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { group in
            group.addTask { await client.run() }
            do {
                let result = try await body(Database(client: client, logger: logger))
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw Database.translate(error)
            }
        }
    }

    /// The embedded cluster holds one database for Firebreak; create it on first use.
    static func createEmbeddedDatabase(_ cluster: EmbeddedCluster, logger: Logger) async throws {
        let admin = DatabaseServer(
            unixSocketPath: cluster.socketPath, username: EmbeddedCluster.role, password: nil, database: "postgres")
        try await run(admin, logger: logger) { db in
            let rows = try await db.client.query(
                "SELECT 1 FROM pg_database WHERE datname = \(EmbeddedCluster.database)", logger: logger)
            for try await _ in rows { return }
            do {
                try await db.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(EmbeddedCluster.database)"))
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P04" {
                return  // another process created it first
            }
        }
    }

    /// Runs `body` in one transaction: everything it writes lands, or nothing does.
    public func transaction<Result: Sendable>(
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(connection)
            }
        } catch let error as PostgresTransactionError {
            throw Database.translate(error.closureError ?? error.beginError ?? error.commitError ?? error)
        }
    }
}

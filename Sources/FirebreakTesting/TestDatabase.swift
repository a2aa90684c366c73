public import FirebreakStore
import Foundation
import Logging
import PostgresNIO

/// Fresh databases for tests, cloned from a migrated template (fast: a file copy
/// inside PostgreSQL rather than running every migration again).
///
/// The server is `FIREBREAK_TEST_DATABASE_URL` when set (a role that may create
/// databases), else an embedded cluster in `FIREBREAK_TEST_HOME` (default
/// `/tmp/firebreak-test-<uid>`), started on first use and left running for the next run.
public enum TestDatabase {
    /// A database that exists for one test.
    public struct Fresh: Sendable {
        public let database: Database
        /// A URL that `firebreak --database-url` accepts, for tests that run the CLI.
        public let url: String
        public let name: String

        /// Runs `body` with a pool of its own on this database: a separate connection from every other.
        public func withSeparateConnection<Result: Sendable>(
            _ body: @Sendable (Database) async throws -> Result
        ) async throws -> Result {
            guard case .server(var configuration, _) = try DatabaseSettings.fromURL(url) else {
                preconditionFailure("a URL always names a server")
            }
            configuration.options.maximumConnections = 1
            return try await Database.run(configuration, logger: TestDatabase.quiet, body)
        }
    }

    /// Runs `body` against a database of its own, dropped afterwards.
    /// `migrated: false` gives an empty database, for tests of the migrations themselves.
    public static func withFresh<Result: Sendable>(
        migrated: Bool = true, _ body: @Sendable (Fresh) async throws -> Result
    ) async throws -> Result {
        let server = try await TemplateCache.shared.server()
        let name = "fb_test_" + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
        let template = migrated ? server.template : "template0"
        try await server.admin { db in
            try await db.client.query(
                PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(template)"), logger: db.logger)
        }
        let result: Result
        do {
            result = try await Database.run(server.configuration(database: name), logger: quiet) { database in
                try await body(Fresh(database: database, url: server.url(database: name), name: name))
            }
        } catch {
            try? await server.drop(name)
            throw error
        }
        try await server.drop(name)
        return result
    }

    static var quiet: Logger {
        var logger = Logger(label: "firebreak.test")
        logger.logLevel = .critical
        return logger
    }
}

/// The test server and its migrated template, made once per test process.
///
/// Every caller awaits the one preparation: were each to start its own while another is in
/// flight (an actor lets callers in at every `await`), every test would hold a connection
/// waiting for the template's lock, and the one building it could find no connection left to
/// migrate with ("sorry, too many clients already"), failing each test in turn after a minute.
actor TemplateCache {
    static let shared = TemplateCache()
    private var preparing: Task<TestServer, any Error>?

    func server() async throws -> TestServer {
        if let preparing { return try await preparing.value }
        let task = Task {
            let server = try TestServer.fromEnvironment()
            try await server.prepareTemplate()
            return server
        }
        preparing = task
        return try await task.value
    }
}

struct TestServer: Sendable {
    var socketFolder: String?
    var base: URLComponents
    var template: String

    static func fromEnvironment() throws -> TestServer {
        let environment = ProcessInfo.processInfo.environment
        // Every migration counts (FNV-1a over their checksums): a new migration makes a new template.
        let joined = try Migrator.bundled().map(\.checksum).joined()
        let hash = joined.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        let checksum = String(hash, radix: 16)
        let template = "fb_template_\(checksum)"
        if let url = environment["FIREBREAK_TEST_DATABASE_URL"], let components = URLComponents(string: url) {
            return TestServer(socketFolder: nil, base: components, template: template)
        }
        let home = environment["FIREBREAK_TEST_HOME"] ?? "/tmp/firebreak-test-\(getuid())"
        // The whole suite runs at once: hundreds of tests, each with pools of its own, CLI processes and
        // servers; 300 connections ran out in CI ("sorry, too many clients already").
        let cluster = EmbeddedCluster(home: home, maximumConnections: 1000)
        try cluster.ensureRunning()
        var components = URLComponents()
        components.scheme = "postgresql"
        components.path = "/postgres"
        // A minute to connect, not the 10 s a user gets: at CI's peak (hundreds of tests, CLI processes
        // and a connection flood on two cores) the cluster has taken longer than 10 s to answer.
        components.queryItems = [
            URLQueryItem(name: "host", value: cluster.clusterDirectory), URLQueryItem(name: "user", value: "postgres"),
            URLQueryItem(name: "connect_timeout", value: "60"),
        ]
        return TestServer(socketFolder: cluster.clusterDirectory, base: components, template: template)
    }

    /// A libpq-style URL (`postgresql:///db?host=/socket/folder&user=postgres` for the embedded
    /// cluster) that both Firebreak and psql accept.
    func url(database: String) -> String {
        var c = base
        c.path = "/" + database
        if c.host == nil, let query = c.percentEncodedQuery { return "postgresql:///\(database)?\(query)" }
        return c.string!
    }

    func configuration(database: String) throws -> DatabaseServer {
        guard case .server(let configuration, _) = try DatabaseSettings.fromURL(url(database: database)) else {
            preconditionFailure("a URL always names a server")
        }
        return configuration
    }

    @discardableResult
    func admin<Result: Sendable>(_ body: @Sendable (Database) async throws -> Result) async throws -> Result {
        try await Database.run(configuration(database: "postgres"), logger: TestDatabase.quiet, body)
    }

    /// Creates and migrates the template unless it exists. It is built under another name and
    /// renamed when complete, so that a template that exists is whole and nobody needs to connect
    /// to it (cloning refuses a template that has a session); an advisory lock keeps processes apart.
    func prepareTemplate() async throws {
        let server = self
        try await admin { db in
            try await db.client.withConnection { connection in
                try await connection.query("SELECT pg_advisory_lock(4242)", logger: db.logger)
                let rows = try await connection.query(
                    "SELECT 1 FROM pg_database WHERE datname = \(server.template)", logger: db.logger)
                var exists = false
                for try await _ in rows { exists = true }
                if !exists {
                    let building = server.template + "_building"
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(building) WITH (FORCE)"), logger: db.logger)
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "CREATE DATABASE \(building)"), logger: db.logger)
                    _ = try await Database.run(server.configuration(database: building), logger: db.logger) {
                        try await Migrator(database: $0).migrate()
                    }
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "ALTER DATABASE \(building) RENAME TO \(server.template)"),
                        logger: db.logger)
                }
                try await connection.query("SELECT pg_advisory_unlock(4242)", logger: db.logger)
            }
        }
    }

    func drop(_ name: String) async throws {
        try await admin { db in
            try await db.client.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: db.logger)
        }
    }
}

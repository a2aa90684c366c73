import FirebreakCore
public import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore
import PostgresNIO

/// The service's way to the database: every request's work runs under a deadline, so that
/// when the database is down a caller gets 503 within `databaseTimeout` instead of hanging
/// until the pool gives up.
public struct Backend: Sendable {
    public let database: Database
    public let configuration: ServerConfiguration
    let inFlight: Meter
    let waits: Timer
    let watchdog: DeadlineWatchdog
    let tokens: TokenCache

    public init(database: Database, configuration: ServerConfiguration) {
        self.database = database
        self.configuration = configuration
        inFlight = Meter(label: "firebreak_database_operations_in_flight")
        waits = Timer(label: "firebreak_database_operation_seconds", preferredDisplayUnit: .seconds)
        watchdog = DeadlineWatchdog()
        tokens = TokenCache(lifetime: configuration.tokenCacheLifetime)
    }

    /// Runs short work (a read, a claim, an update) within `databaseTimeout`.
    func run<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        try await run(deadline: configuration.databaseTimeout, body)
    }

    /// Runs long work (a plan, an import, a ranking of a large backlog): first a ping within
    /// `databaseTimeout`, so an outage still fails fast, then the work within 20 times that.
    func runLong<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        try await run { db in
            for try await _ in try await db.client.query("SELECT 1", logger: db.logger) {}
        }
        return try await run(deadline: configuration.databaseTimeout * 20, body)
    }

    /// Reads a versioned row's version and then the row, for an answer with an ETag. The version
    /// first: a body newer than its tag can only make a later PATCH fail (412), never let it
    /// overwrite a change its sender did not see.
    func versioned<T: Sendable>(
        _ row: RowVersion, _ key: String, _ read: @escaping @Sendable (Database) async throws -> T
    ) async throws -> (T, Int) {
        try await run { db in
            let version = try await row.current(key, in: db)
            return (try await read(db), version)
        }
    }

    func run<T: Sendable>(
        deadline: Duration, _ body: @escaping @Sendable (Database) async throws -> T
    ) async throws -> T {
        let database = self.database
        let started = ContinuousClock.now
        inFlight.increment()
        defer {
            inFlight.decrement()
            let elapsed = ContinuousClock.now - started
            waits.recordNanoseconds(
                elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        }
        do {
            return try await watchdog.run(within: deadline) { try await body(database) }
        } catch is DeadlineExceeded {
            throw Problem(
                .unavailable, status: .serviceUnavailable,
                detail: "the database did not answer within \(deadline.components.seconds) s")
        }
    }
}

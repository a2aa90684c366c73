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
/// until the pool gives up; and once one call has found it down (``DatabaseHealth``), every
/// call answers 503 at once until a probe gets through again. A call that only waited out its
/// deadline is not enough to find it down: the database may be answering others (the call waited
/// on a lock, or the machine is loaded), so a ping must go unanswered too.
public struct Backend: Sendable {
    public let database: Database
    public let configuration: ServerConfiguration
    let inFlight: Meter
    let waits: Timer
    let watchdog: DeadlineWatchdog
    let tokens: TokenCache
    let health: DatabaseHealth

    public init(database: Database, configuration: ServerConfiguration) {
        _ = FirebreakMetrics.registry
        self.database = database
        self.configuration = configuration
        inFlight = Meter(label: "firebreak_database_operations_in_flight")
        waits = Timer(label: "firebreak_database_operation_seconds", preferredDisplayUnit: .seconds)
        watchdog = DeadlineWatchdog()
        tokens = TokenCache(lifetime: configuration.tokenCacheLifetime)
        health = DatabaseHealth()
    }

    /// Runs short work (a read, a claim, an update) within `databaseTimeout`.
    func run<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        try await run(deadline: configuration.databaseTimeout, body)
    }

    /// Runs long work (a plan, an import, a ranking of a large backlog): first a ping within
    /// `databaseTimeout`, so an outage still fails fast, then the work within 20 times that.
    func runLong<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        try await run(Self.ping)
        return try await run(deadline: configuration.databaseTimeout * 20, isShort: false, body)
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

    /// Runs `body` within `deadline`, or answers 503 at once while the database is known to be down.
    /// A connection lost marks it down, as does a deadline passed when a ping gets no answer either;
    /// `isShort` work still waiting is then answered at once too, while long work that already holds
    /// a connection finishes or fails alone.
    func run<T: Sendable>(
        deadline: Duration, isShort: Bool = true, _ body: @escaping @Sendable (Database) async throws -> T
    ) async throws -> T {
        if let outage = health.outage { throw Self.unavailable(outage) }
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
            return try await watchdog.run(within: deadline, isShort: isShort) { try await body(database) }
        } catch is DeadlineExceeded {
            if isShort {
                await markDownUnlessPinged("a call got no answer within \(Self.seconds(deadline))", within: deadline)
            }
            throw Problem(
                .unavailable, status: .serviceUnavailable,
                detail: "the database did not answer within \(Self.seconds(deadline))")
        } catch is DatabaseUnavailable {
            throw Self.unavailable(health.outage)
        } catch is CancellationError {
            throw Problem(.unavailable, status: .serviceUnavailable, detail: "the server is shutting down")
        } catch let error where DatabaseHealth.meansUnreachable(error) {
            markDown("\(Database.translate(error))")
            throw Self.unavailable(health.outage)
        }
    }

    /// Marks the database down for `reason` unless it answers a ping within `deadline` too: a call
    /// that waited out its deadline on a lock, or on a loaded machine, says nothing of the others.
    func markDownUnlessPinged(_ reason: String, within deadline: Duration) async {
        guard health.outage == nil else { return }
        let database = self.database
        do {
            // Short: once another call finds the database down, this one is answered at once too.
            try await watchdog.run(within: deadline) { try await Self.ping(database) }
        } catch is CancellationError {
            return
        } catch {
            markDown(reason)
        }
    }

    /// `SELECT 1`: whether the database answers at all.
    @Sendable static func ping(_ database: Database) async throws {
        for try await _ in try await database.client.query("SELECT 1", logger: database.logger) {}
    }

    /// Marks the database down, answers the short work waiting on it, and starts the probe.
    func markDown(_ reason: String) {
        guard health.markDown(reason) else { return }
        database.logger.warning(
            "database unavailable: calls answer 503 at once until it answers again", metadata: ["reason": "\(reason)"])
        watchdog.answerAll(with: DatabaseUnavailable())
        probe()
    }

    /// Asks `SELECT 1` until the database answers, then marks it up. Each try waits in the pool's
    /// queue for up to a second, so it is served the moment the pool reconnects.
    func probe() {
        guard health.startProbe() else { return }
        let (database, watchdog, health) = (self.database, self.watchdog, self.health)
        Task {
            defer { health.probeStopped() }
            while true {
                do {
                    try await watchdog.run(within: .seconds(1), isShort: false) { try await Self.ping(database) }
                    if let outage = health.markUp() {
                        database.logger.notice(
                            "database available again",
                            metadata: ["down": "\(Self.seconds(ContinuousClock.now - outage.since))"])
                    }
                    return
                } catch is DeadlineExceeded {
                    continue
                } catch {
                    if DatabaseHealth.meansPoolClosed(error) || Task.isCancelled { return }
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
        }
    }

    static func unavailable(_ outage: DatabaseHealth.Outage?) -> Problem {
        let down = outage.map { " (for \(seconds(ContinuousClock.now - $0.since)))" } ?? ""
        return Problem(
            .unavailable, status: .serviceUnavailable,
            detail: "the database is not available\(down); the server retries it in the background")
    }

    /// `1.25 s`, for messages.
    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.2f s", value)
    }
}

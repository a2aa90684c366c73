import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Logging
import PostgresNIO
import Testing
import _ConnectionPoolModule

@testable import FirebreakServer

/// The circuit breaker in front of the database: which errors mean it is gone, and that once one
/// call has found it gone the next answer at once.
@Suite("Database health")
struct DatabaseHealthTests {
    @Test func connectionFailuresMeanUnreachableAndRefusedQueriesDoNot() {
        #expect(DatabaseHealth.meansUnreachable(ConnectionPoolError.connectionCreationCircuitBreakerTripped))
        #expect(DatabaseHealth.meansUnreachable(StoreError.unavailable("the database is not available")))
        #expect(!DatabaseHealth.meansUnreachable(StoreError.conflict("this already exists")))
        #expect(!DatabaseHealth.meansUnreachable(StoreError.invalid("a value is too long to store")))
        #expect(!DatabaseHealth.meansUnreachable(CancellationError()))
        #expect(DatabaseHealth.meansPoolClosed(ConnectionPoolError.poolShutdown))
    }

    /// A pool pointed at a socket no server listens on: the first call waits out its deadline, and
    /// a ping its own (the pool keeps retrying, so nothing fails sooner); the next answer 503 at
    /// once, well before a deadline.
    @Test func afterTheFirstCallFindsTheDatabaseDownTheNextAnswerAtOnce() async throws {
        let configuration = PostgresClient.Configuration(
            unixSocketPath: "/nonexistent-\(UUID().uuidString)/.s.PGSQL.5432", username: "nobody", password: nil,
            database: "none")
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        try await Database.run(configuration, logger: logger) { db in
            let backend = Backend(database: db, configuration: ServerConfiguration(databaseTimeout: .seconds(3)))
            let query: @Sendable (Database) async throws -> Void = { db in
                for try await _ in try await db.client.query("SELECT 1", logger: db.logger) {}
            }
            let first = ContinuousClock.now
            await #expect(throws: Problem.self) { try await backend.run(query) }
            #expect(ContinuousClock.now - first >= .milliseconds(2900))
            #expect(backend.health.outage != nil)
            for _ in 0..<5 {
                let started = ContinuousClock.now
                let problem = await #expect(throws: Problem.self) { try await backend.run(query) }
                #expect(problem?.status == .serviceUnavailable)
                #expect(problem?.detail.contains("not available") == true, "\(problem?.detail ?? "")")
                // Half the deadline: a loaded machine is slow, but not a deadline slow.
                #expect(ContinuousClock.now - started < .milliseconds(1500))
            }
        }
    }

    /// A call that waits out its deadline on a lock while the database answers others fails
    /// alone: the database is not marked down, and the next call is served.
    @Test func aCallWaitingOnALockDoesNotMarkTheDatabaseDown() async throws {
        try await TestDatabase.withFresh { fresh in
            // CI runs every suite at once on two cores, where opening a connection has taken over 5 s:
            // the pool opens two before the lock, with no deadline, so that the ping finds one idle.
            let db = fresh.database
            async let first = db.client.query("SELECT pg_sleep(0.2)", logger: db.logger).collect()
            async let second = db.client.query("SELECT pg_sleep(0.2)", logger: db.logger).collect()
            _ = try await (first, second)
            let backend = Backend(database: db, configuration: ServerConfiguration(databaseTimeout: .seconds(10)))
            try await fresh.withSeparateConnection { holder in
                try await holder.client.withTransaction(logger: holder.logger) { tx in
                    try await tx.query("LOCK TABLE teams IN ACCESS EXCLUSIVE MODE", logger: holder.logger)
                    let waited = await #expect(throws: Problem.self) {
                        try await backend.run { db in
                            for try await _ in try await db.client.query("SELECT 1 FROM teams", logger: db.logger) {}
                        }
                    }
                    #expect(waited?.detail == "the database did not answer within 10 s", "\(waited?.detail ?? "")")
                    #expect(backend.health.outage == nil)
                }
            }
            let answer = try await backend.run { db in
                try await db.client.query("SELECT 41 + 1", logger: db.logger).collect().first?.decode(Int.self)
            }
            #expect(answer == 42)
        }
    }
}

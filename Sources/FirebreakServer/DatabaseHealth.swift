import FirebreakStore
import Foundation
import Logging
import PostgresNIO
import Synchronization
import _ConnectionPoolModule

/// Whether the database answers, as this process last saw it: a circuit breaker shared by every
/// request. A call that cannot reach the database (its connection fails or is closed under it, or
/// neither it nor a ping is answered within their deadlines) marks it down; from then on calls answer 503 at once
/// instead of each waiting out its deadline, and one probe at a time asks `SELECT 1` until the
/// database answers, which marks it up again. The pool reconnects by itself; the probe only learns
/// when it has.
final class DatabaseHealth: Sendable {
    /// The database has been down since `since`.
    struct Outage: Sendable {
        let since: ContinuousClock.Instant
        let reason: String
    }

    private struct State {
        var outage: Outage?
        var probing = false
    }

    private let state = Mutex(State())

    /// The outage now, if there is one.
    var outage: Outage? { state.withLock { $0.outage } }

    /// Marks the database down for `reason`. True when it was up: the caller then answers the
    /// calls in flight and starts the probe (``startProbe()`` says whether one is running).
    func markDown(_ reason: String, now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in
            guard state.outage == nil else { return false }
            state.outage = Outage(since: now, reason: reason)
            return true
        }
    }

    /// Marks the database up; returns the outage it ended, if there was one.
    @discardableResult
    func markUp() -> Outage? {
        state.withLock { state in
            defer { state.outage = nil }
            return state.outage
        }
    }

    /// Claims the probe: true when none was running and the database is down.
    func startProbe() -> Bool {
        state.withLock { state in
            guard !state.probing, state.outage != nil else { return false }
            state.probing = true
            return true
        }
    }

    /// The probe has stopped (the database answered, or the pool was shut down).
    func probeStopped() {
        state.withLock { $0.probing = false }
    }

    /// Whether `error` says the database cannot be reached, rather than that a query was refused:
    /// the connection failed or was closed (PostgreSQL shutting down, crashed, still starting),
    /// the pool gave up connecting, or a store already translated one of these as unavailable.
    static func meansUnreachable(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            switch error.code {
            case .connectionError, .serverClosedConnection, .uncleanShutdown: return true
            case .server:
                let state = error.serverInfo?[.sqlState] ?? ""
                // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot
                // connect now; 53300: too many connections.
                return state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(state)
            default: return false
            }
        case let error as PostgresTransactionError:
            return [error.beginError, error.closureError, error.commitError].contains {
                $0.map(meansUnreachable) ?? false
            }
        case let error as ConnectionPoolError:
            return error == .connectionCreationCircuitBreakerTripped
        case let error as StoreError:
            return error.kind == .unavailable
        default:
            return false
        }
    }

    /// Whether `error` says the pool has been shut down: the process is ending, nothing to probe.
    static func meansPoolClosed(_ error: any Error) -> Bool {
        if let error = error as? PSQLError { return error.code == .poolClosed }
        if let error = error as? ConnectionPoolError { return error == .poolShutdown }
        return false
    }
}

/// Work answered at once because the database was found to be down while it waited.
struct DatabaseUnavailable: Error {}

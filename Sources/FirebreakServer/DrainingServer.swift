import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs the application until graceful shutdown (SIGTERM or SIGINT), then drains it within a
/// deadline. Hummingbird stops accepting, closes idle connections and lets each request in flight
/// finish; once `drainTimeout` has passed, whatever remains is cut: every connection still open is
/// closed and the work behind it cancelled, and the log says how many requests that cut. A second
/// SIGTERM or SIGINT cuts at once. So the process always exits, and exits 0, however its clients behave.
struct DrainingServer<App: ApplicationProtocol>: Service {
    let app: App
    let connections: ConnectionRegistry
    let drainTimeout: Duration
    let logger: Logger

    private enum Ending: Sendable, Equatable {
        case stopped
        case deadlinePassed
    }

    func run() async throws {
        let (app, connections, drainTimeout, logger) = (self.app, self.connections, self.drainTimeout, self.logger)
        do {
            try await withTaskCancellationHandler {
                try await withThrowingTaskGroup(of: Ending.self) { group in
                    group.addTask {
                        try await app.run()
                        return .stopped
                    }
                    group.addTask {
                        try await gracefulShutdown()
                        let started = ContinuousClock.now
                        let counts = connections.counts()
                        let busy = counts[.reading, default: 0] + counts[.responding, default: 0]
                        let requests = busy == 1 ? "1 request" : "\(busy) requests"
                        logger.info(
                            "shutting down: accepting no more connections; \(requests) in flight get \(Backend.seconds(drainTimeout)) to finish",
                            metadata: ["idle": "\(counts[.idle, default: 0])"])
                        let ending = await Self.deadlineOrSecondSignal(drainTimeout)
                        try Task.checkCancellation()
                        let cut = connections.cutAll()
                        logger.warning(
                            "\(ending): cut \(cut.description)",
                            metadata: ["after": "\(Backend.seconds(ContinuousClock.now - started))"])
                        return .deadlinePassed
                    }
                    let first = try await group.next()
                    // Stopped: the drain task is still waiting and goes. Deadline passed: the
                    // connections are closed; cancelling ends the handlers still waiting on other work.
                    group.cancelAll()
                    if first == .deadlinePassed { _ = try? await group.next() }
                }
            } onCancel: {
                let cut = connections.cutAll()
                logger.warning("cancelled: cut \(cut.description)")
            }
        } catch is CancellationError where Task.isCancelled {
            return
        }
    }

    /// Waits out `drainTimeout` or a second SIGTERM or SIGINT, whichever comes first, and says which.
    private static func deadlineOrSecondSignal(_ drainTimeout: Duration) async -> String {
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        return await withTaskGroup(of: String.self) { group in
            group.addTask {
                try? await Task.sleep(for: drainTimeout)
                return "drain deadline passed"
            }
            group.addTask {
                for await signal in signals { return "\(signal) again" }
                return "drain deadline passed"
            }
            let first = await group.next() ?? "drain deadline passed"
            group.cancelAll()
            return first
        }
    }
}

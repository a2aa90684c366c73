import Synchronization

/// One clock for every request's database deadline. Each piece of work runs in a task of its
/// own and is registered with the time it must be done by; a single loop looks every `tick` and
/// answers the late ones with ``DeadlineExceeded`` at once, cancelling their work. The caller
/// never waits for work that ignores cancellation: a query on a connection that the database
/// dropped mid-restart can hang, and the request must still end. For the same reason a cancelled
/// caller (its connection cut at shutdown) is answered at once, and ``answerAll(with:)`` answers
/// every short piece of work when the database is found to be down.
final class DeadlineWatchdog: Sendable {
    private struct Watched {
        let deadline: ContinuousClock.Instant
        /// Whether ``DeadlineWatchdog/answerAll(with:)`` answers it.
        let isShort: Bool
        /// Answers the caller with an error.
        let answer: @Sendable (any Error) -> Void
        var work: Task<Void, Never>?
    }

    private struct State {
        var next: UInt64 = 0
        var watched: [UInt64: Watched] = [:]
    }

    let tick: Duration
    private let state = Mutex(State())

    /// Starts the loop; it ends by itself once the watchdog is gone.
    init(tick: Duration = .milliseconds(50)) {
        self.tick = tick
        Task.detached { [weak self, tick] in
            while true {
                try? await Task.sleep(for: tick)
                guard let watchdog = self else { return }
                watchdog.answerLate(now: .now)
            }
        }
    }

    /// The value of `body`, or ``DeadlineExceeded`` once `limit` has passed, whichever is first.
    /// Cancelling the caller answers it with `CancellationError` at once and cancels `body`.
    /// `isShort` work (a query, not a plan being written) is also answered by ``answerAll(with:)``.
    func run<T: Sendable>(
        within limit: Duration, isShort: Bool = true, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let id = state.withLock { state in
            defer { state.next &+= 1 }
            return state.next
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                state.withLock { state in
                    state.watched[id] = Watched(
                        deadline: .now + limit, isShort: isShort, answer: { continuation.resume(throwing: $0) },
                        work: nil)
                }
                let work = Task {
                    let outcome: Result<T, any Error>
                    do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
                    // Whoever takes the entry answers: the work, the watchdog at the deadline, or a cancellation.
                    if self.take(id) != nil { continuation.resume(with: outcome) }
                }
                let late = state.withLock { state in
                    state.watched[id]?.work = work
                    return state.watched[id] == nil
                }
                if late { work.cancel() }
                // A cancellation before the entry existed found nothing to answer.
                if Task.isCancelled { answer(id, with: CancellationError()) }
            }
        } onCancel: {
            answer(id, with: CancellationError())
        }
    }

    /// Answers every short piece of work still running with `error`, at once, and cancels it.
    func answerAll(with error: any Error) {
        let short = state.withLock { state in
            let ids = state.watched.filter { $0.value.isShort }.map(\.key)
            return ids.compactMap { state.watched.removeValue(forKey: $0) }
        }
        for watched in short {
            watched.work?.cancel()
            watched.answer(error)
        }
    }

    /// Removes `id` and gives what it was, if it was still watched: whoever takes it answers.
    private func take(_ id: UInt64) -> Watched? {
        state.withLock { $0.watched.removeValue(forKey: id) }
    }

    /// Answers `id` with `error` unless someone already has, and cancels its work.
    private func answer(_ id: UInt64, with error: any Error) {
        guard let watched = take(id) else { return }
        watched.work?.cancel()
        watched.answer(error)
    }

    func answerLate(now: ContinuousClock.Instant) {
        let late = state.withLock { state in
            let ids = state.watched.filter { $0.value.deadline <= now }.map(\.key)
            return ids.compactMap { state.watched.removeValue(forKey: $0) }
        }
        for watched in late {
            watched.work?.cancel()
            watched.answer(DeadlineExceeded())
        }
    }
}

/// Work ran past its deadline: its caller was answered and the work was cancelled.
struct DeadlineExceeded: Error {}

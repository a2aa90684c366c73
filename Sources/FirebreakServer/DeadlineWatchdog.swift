import Synchronization

/// One clock for every request's database deadline. A request registers its task with the time
/// it must be done by; a single loop looks every `tick` and cancels the tasks that are late.
/// That is one lock and one dictionary entry a request, where a timer of its own would cost a
/// task and a wake-up each.
final class DeadlineWatchdog: Sendable {
    /// A task to cancel. It is only used while the task it names is still inside ``run(within:_:)``,
    /// which removes it before returning, so the task outlives every use of it.
    private struct Watched: @unchecked Sendable {
        let task: UnsafeCurrentTask
        let deadline: ContinuousClock.Instant
    }

    private struct State {
        var next: UInt64 = 0
        var watched: [UInt64: Watched] = [:]
        var late: Set<UInt64> = []
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
                watchdog.cancelLate(now: .now)
            }
        }
    }

    /// Runs `body` in a child task that is cancelled if it is not done `within` from now.
    /// Throws ``DeadlineExceeded`` when that happened and `body` then failed.
    func run<T: Sendable>(
        within limit: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        async let result = watch(until: .now + limit, body)
        return try await result
    }

    private func watch<T: Sendable>(
        until deadline: ContinuousClock.Instant, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let id: UInt64? = withUnsafeCurrentTask { task in
            guard let task else { return nil }
            return state.withLock { state in
                let id = state.next
                state.next &+= 1
                state.watched[id] = Watched(task: task, deadline: deadline)
                return id
            }
        }
        guard let id else { return try await body() }
        do {
            let value = try await body()
            _ = finish(id)
            return value
        } catch {
            if finish(id) { throw DeadlineExceeded() }
            throw error
        }
    }

    /// Stops watching `id`; true when it had been cancelled for being late.
    private func finish(_ id: UInt64) -> Bool {
        state.withLock { state in
            state.watched[id] = nil
            return state.late.remove(id) != nil
        }
    }

    func cancelLate(now: ContinuousClock.Instant) {
        state.withLock { state in
            for (id, watched) in state.watched where watched.deadline <= now && !state.late.contains(id) {
                state.late.insert(id)
                watched.task.cancel()
            }
        }
    }
}

/// A watched task ran past its deadline and was cancelled.
struct DeadlineExceeded: Error {}

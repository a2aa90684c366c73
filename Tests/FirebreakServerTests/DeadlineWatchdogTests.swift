import Synchronization
import Testing

@testable import FirebreakServer

/// The deadline every request's database work runs under.
@Suite("The deadline watchdog")
struct DeadlineWatchdogTests {
    struct Refused: Error, Equatable {}

    @Test func workInTimeGivesItsValueOrItsError() async throws {
        let watchdog = DeadlineWatchdog(tick: .milliseconds(10))
        #expect(try await watchdog.run(within: .seconds(5)) { 42 } == 42)
        await #expect(throws: Refused()) {
            try await watchdog.run(within: .seconds(5)) { () -> Int in throw Refused() }
        }
    }

    /// Work stuck where cancellation cannot reach it (as a query on a connection the database
    /// dropped can be) is answered at the deadline all the same, and cancelled. The work never ends
    /// until the test releases it, so an answer at all proves the watchdog gave it; the time limit
    /// only keeps a broken watchdog from hanging the run.
    @Test(.timeLimit(.minutes(1)))
    func workThatIgnoresCancellationIsAnsweredAtTheDeadline() async throws {
        let watchdog = DeadlineWatchdog(tick: .milliseconds(10))
        let parked = Parked()
        await #expect(throws: DeadlineExceeded.self) {
            try await watchdog.run(within: .milliseconds(100)) { () -> Int in
                await parked.wait()
                return 1
            }
        }
        #expect(parked.wasCancelled)
        parked.release()
    }

    /// Cancelling the caller cancels the work.
    @Test func cancellingTheCallerCancelsTheWork() async throws {
        let watchdog = DeadlineWatchdog(tick: .milliseconds(10))
        let caller = Task {
            try await watchdog.run(within: .seconds(60)) { () -> Int in
                try await Task.sleep(for: .seconds(60))
                return 1
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
    }
}

extension DeadlineWatchdogTests {
    /// A caller cancelled (its connection cut at shutdown) is answered at once, even when its work
    /// ignores cancellation.
    @Test func aCancelledCallerIsAnsweredAtOnceWhateverItsWorkDoes() async throws {
        let watchdog = DeadlineWatchdog(tick: .milliseconds(10))
        let parked = Parked()
        let caller = Task {
            try await watchdog.run(within: .seconds(60)) { () -> Int in
                await parked.wait()
                return 1
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        let cancelled = ContinuousClock.now
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        #expect(ContinuousClock.now - cancelled < .seconds(30), "the caller waited for its work")
        #expect(parked.wasCancelled)
        parked.release()
    }

    /// When the database is found down, short work still waiting is answered with the given error;
    /// long work is left to finish.
    @Test func answerAllAnswersShortWorkAndLeavesLongWork() async throws {
        let watchdog = DeadlineWatchdog(tick: .milliseconds(10))
        let (short, long) = (Parked(), Parked())
        let shortAnswer = Task {
            try await watchdog.run(within: .seconds(60)) { () -> Int in
                await short.wait()
                return 1
            }
        }
        let longAnswer = Task {
            try await watchdog.run(within: .seconds(60), isShort: false) { () -> Int in
                await long.wait()
                return 2
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        watchdog.answerAll(with: Refused())
        await #expect(throws: Refused()) { try await shortAnswer.value }
        long.release()
        #expect(try await longAnswer.value == 2)
        short.release()
    }
}

/// Work that waits until released, whatever cancellation says; it notes whether it was cancelled.
final class Parked: Sendable {
    private let state = Mutex<(CheckedContinuation<Void, Never>?, released: Bool, cancelled: Bool)>((nil, false, false))

    var wasCancelled: Bool { state.withLock { $0.cancelled } }

    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.released { return true }
                    state.0 = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.cancelled = true }
        }
    }

    func release() {
        let continuation = state.withLock { state in
            state.released = true
            defer { state.0 = nil }
            return state.0
        }
        continuation?.resume()
    }
}

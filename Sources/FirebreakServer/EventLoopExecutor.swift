import NIOCore

/// Runs a task's jobs on one NIO event loop, so that a connection's requests are handled on the
/// thread that reads and writes its socket instead of hopping to Swift's global pool and back for
/// every request (a profile of the claims benchmark found half of the server's CPU in that pool's
/// dispatching). The price: work that holds its thread for long (a plan of a large backlog) delays
/// the other connections of that event loop, as it would hold one of the pool's threads.
@available(macOS 15, *)
final class EventLoopExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// The executor of the connection being served, for the tasks its requests start (an
    /// unstructured task would otherwise run on the global pool).
    @TaskLocal static var current: EventLoopExecutor?

    /// Runs `body` on `eventLoop`, with the tasks it starts preferring it too.
    static func run(on eventLoop: any EventLoop, _ body: () async -> Void) async {
        let executor = EventLoopExecutor(eventLoop)
        await withTaskExecutorPreference(executor) {
            await $current.withValue(executor) { await body() }
        }
    }
}

import Logging
import Metrics
import NIOCore
import Synchronization

/// Every open client connection and what it is doing: the limit on connections, who makes room
/// when it is reached, and who is cut when the drain deadline passes.
///
/// Past ``limit``, a new connection closes the one that has been idle longest, as nginx reuses
/// keep-alive connections when it runs out: an idle connection costs its client only a reconnect.
/// When none is idle, the one whose request has been arriving longest goes, if that is more than
/// ``minimumReadingAge`` (a request that slow is a slow-loris client's or will not make its
/// deadline anyway). When neither exists, every connection is answering a request, and the new one
/// is refused. So a flood of connections that send nothing, or next to nothing, never shuts out a
/// real client. Each operation takes the lock once and costs O(1), amortised, whatever the count.
final class ConnectionRegistry: Sendable {
    /// What a connection is doing, as its ``ConnectionGuard`` reports it.
    enum Phase: Sendable, Equatable {
        /// No request in progress: new, or between requests.
        case idle
        /// A request is arriving: its first byte is in, the end of its body is not.
        case reading
        /// A whole request is in and its response is not yet written.
        case responding
    }

    /// Why a connection was closed by the server, for `/metrics`.
    enum CloseReason: String, Sendable, CaseIterable {
        case evicted, idleTimeout = "idle_timeout", requestTimeout = "request_timeout"
        case stalled, drain
    }

    /// What ``cutAll()`` closed.
    struct Cut: Sendable, Equatable, CustomStringConvertible {
        /// Connections with a request arriving or being answered.
        var requests: Int
        var connections: Int

        /// `1 request in flight (2 connections closed)`.
        var description: String {
            "\(requests) \(requests == 1 ? "request" : "requests") in flight "
                + "(\(connections) \(connections == 1 ? "connection" : "connections") closed)"
        }
    }

    private struct Entry {
        let channel: any Channel
        var phase: Phase
        var since: ContinuousClock.Instant
        /// Counts the entry's phase changes: a queued reference with an older stamp is stale.
        var stamp: UInt64
    }

    private struct Queued {
        let id: UInt64
        let stamp: UInt64
    }

    private struct State {
        var nextID: UInt64 = 0
        var open: [UInt64: Entry] = [:]
        /// Idle connections, longest idle first (with stale references, dropped as met).
        var idle = CircularBuffer<Queued>()
        /// Connections whose request is arriving, the earliest first (stale references too).
        var reading = CircularBuffer<Queued>()
        var closed = false
        var evictedSinceLog = 0
        var refusedSinceLog = 0
        var lastLimitLog: ContinuousClock.Instant?

        func isCurrent(_ queued: Queued, _ phase: Phase) -> Bool {
            guard let entry = open[queued.id] else { return false }
            return entry.stamp == queued.stamp && entry.phase == phase
        }

        /// Removes and returns the connection to close to make room, if there is one.
        mutating func victim(now: ContinuousClock.Instant, minimumReadingAge: Duration) -> (any Channel)? {
            while let queued = idle.popFirst() {
                if isCurrent(queued, .idle) { return open.removeValue(forKey: queued.id)?.channel }
            }
            while let queued = reading.first {
                guard isCurrent(queued, .reading), let entry = open[queued.id] else {
                    reading.removeFirst()
                    continue
                }
                guard now - entry.since >= minimumReadingAge else { return nil }
                reading.removeFirst()
                return open.removeValue(forKey: queued.id)?.channel
            }
            return nil
        }

        /// Drops stale references once they outnumber the live ones, so that the queues stay
        /// within a few times the number of connections however many requests pass.
        mutating func compactIfNeeded() {
            guard idle.count + reading.count > 2 * open.count + 1024 else { return }
            idle = CircularBuffer(idle.filter { isCurrent($0, .idle) })
            reading = CircularBuffer(reading.filter { isCurrent($0, .reading) })
        }
    }

    /// The most connections held open at once.
    let limit: Int
    /// How long a request must have been arriving before a new connection may take its place.
    let minimumReadingAge: Duration
    let logger: Logger
    let metrics = ConnectionMetrics()
    private let state = Mutex(State())

    init(limit: Int, minimumReadingAge: Duration = .seconds(1), logger: Logger) {
        self.limit = max(1, limit)
        self.minimumReadingAge = minimumReadingAge
        self.logger = logger
    }

    /// The registry `firebreak serve` runs with `configuration`'s limit and eviction age.
    convenience init(_ configuration: ServerConfiguration, logger: Logger) {
        self.init(
            limit: configuration.maxConnections, minimumReadingAge: configuration.evictReadingAfter, logger: logger)
    }

    /// Registers a new connection as idle and returns its id, making room at the limit; nil when
    /// there is no room (or the server is shutting down): the caller answers 503 and closes it.
    func admit(_ channel: any Channel, now: ContinuousClock.Instant = .now) -> UInt64? {
        let (id, victim, count, report) = state.withLock { state -> (UInt64?, (any Channel)?, Int, String?) in
            guard !state.closed else { return (nil, nil, state.open.count, nil) }
            var victim: (any Channel)?
            if state.open.count >= limit {
                victim = state.victim(now: now, minimumReadingAge: minimumReadingAge)
                if victim == nil {
                    state.refusedSinceLog += 1
                    return (nil, nil, state.open.count, Self.limitReport(&state, now: now))
                }
                state.evictedSinceLog += 1
            }
            let id = state.nextID
            state.nextID += 1
            state.open[id] = Entry(channel: channel, phase: .idle, since: now, stamp: 0)
            state.idle.append(Queued(id: id, stamp: 0))
            state.compactIfNeeded()
            return (id, victim, state.open.count, victim == nil ? nil : Self.limitReport(&state, now: now))
        }
        if let victim {
            metrics.closed(.evicted)
            victim.close(promise: nil)
        }
        id == nil ? metrics.refused.increment() : metrics.admitted.increment()
        metrics.open.record(count)
        if let report { logger.warning("\(report)") }
        return id
    }

    /// Records a connection's new phase.
    func update(_ id: UInt64, to phase: Phase, now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            guard var entry = state.open[id], entry.phase != phase else { return }
            entry.phase = phase
            entry.since = now
            entry.stamp &+= 1
            state.open[id] = entry
            switch phase {
            case .idle: state.idle.append(Queued(id: id, stamp: entry.stamp))
            case .reading: state.reading.append(Queued(id: id, stamp: entry.stamp))
            case .responding: break
            }
            state.compactIfNeeded()
        }
    }

    /// Forgets a closed connection.
    func remove(_ id: UInt64) {
        let count = state.withLock { state in
            state.open.removeValue(forKey: id)
            return state.open.count
        }
        metrics.open.record(count)
    }

    /// How many connections are open, by phase.
    func counts() -> [Phase: Int] {
        state.withLock { state in
            state.open.values.reduce(into: [.idle: 0, .reading: 0, .responding: 0]) { $0[$1.phase, default: 0] += 1 }
        }
    }

    /// References waiting in the eviction queues, live or stale: stays within a few times the
    /// number of connections, however many requests pass.
    func queued() -> Int {
        state.withLock { $0.idle.count + $0.reading.count }
    }

    /// Closes every open connection and admits no more: the drain deadline has passed.
    func cutAll() -> Cut {
        let entries = state.withLock { state in
            state.closed = true
            defer { state.open.removeAll() }
            return Array(state.open.values)
        }
        for entry in entries {
            metrics.closed(.drain)
            entry.channel.close(promise: nil)
        }
        metrics.open.record(0)
        return Cut(requests: entries.filter { $0.phase != .idle }.count, connections: entries.count)
    }

    /// A line for the log about the limit, at most one every 10 s, with what happened since the last.
    private static func limitReport(_ state: inout State, now: ContinuousClock.Instant) -> String? {
        let last = state.lastLimitLog
        if let last, now - last < .seconds(10) { return nil }
        let line =
            "connection limit reached (\(state.open.count) open): closed \(state.evictedSinceLog) idle or slow "
            + "connections to make room and refused \(state.refusedSinceLog) new ones"
            + (last.map { " in the last \(($0.duration(to: now)).components.seconds) s" } ?? "")
        state.lastLimitLog = now
        state.evictedSinceLog = 0
        state.refusedSinceLog = 0
        return line
    }
}

/// Connection counts for `/metrics`.
struct ConnectionMetrics: Sendable {
    /// Connections open now.
    let open = Gauge(label: "firebreak_http_connections")
    let admitted = Counter(label: "firebreak_http_connections_total", dimensions: [("outcome", "admitted")])
    /// New connections answered 503 and closed because every open one was busy.
    let refused = Counter(label: "firebreak_http_connections_total", dimensions: [("outcome", "refused")])
    private let closedBy: [ConnectionRegistry.CloseReason: Counter] = Dictionary(
        uniqueKeysWithValues: ConnectionRegistry.CloseReason.allCases.map {
            ($0, Counter(label: "firebreak_http_connections_closed_total", dimensions: [("reason", $0.rawValue)]))
        })

    /// Counts a connection the server closed, by why.
    func closed(_ reason: ConnectionRegistry.CloseReason) {
        closedBy[reason]?.increment()
    }
}

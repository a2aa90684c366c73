import Logging
import NIOCore
import NIOEmbedded
import Testing

@testable import FirebreakServer

/// The registry's choice of who makes room at the limit, and the guard's deadlines, on embedded
/// channels with a clock the test moves.
@Suite("Connection registry and guard")
struct ConnectionRegistryTests {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    let start = ContinuousClock.now

    func at(_ seconds: Double) -> ContinuousClock.Instant { start + .milliseconds(Int(seconds * 1000)) }

    /// An embedded channel, connected (an unconnected one never completes its close).
    static func channel() -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        _ = channel.connect(to: try! SocketAddress(ipAddress: "127.0.0.1", port: 1))
        return channel
    }

    /// Whether `channel` has been closed.
    final class Closed: @unchecked Sendable {
        let channel: EmbeddedChannel
        private var closed = false

        init(_ channel: EmbeddedChannel) {
            self.channel = channel
            channel.closeFuture.whenComplete { _ in self.closed = true }
        }

        /// Runs what the registry queued on the channel's loop, then says.
        var value: Bool {
            channel.embeddedEventLoop.run()
            return closed
        }
    }

    @Test func pastTheLimitTheConnectionIdleLongestIsClosed() throws {
        let registry = ConnectionRegistry(limit: 2, logger: Self.quiet)
        let (a, b, c) = (Self.channel(), Self.channel(), Self.channel())
        let (aClosed, bClosed) = (Closed(a), Closed(b))
        let first = try #require(registry.admit(a, now: at(0)))
        _ = try #require(registry.admit(b, now: at(1)))
        // a serves a request and is idle again, later than b.
        registry.update(first, to: .reading, now: at(2))
        registry.update(first, to: .responding, now: at(2))
        registry.update(first, to: .idle, now: at(3))
        #expect(registry.admit(c, now: at(4)) != nil)
        #expect(bClosed.value && !aClosed.value)
        #expect(registry.counts() == [.idle: 2, .reading: 0, .responding: 0])
    }

    @Test func aSlowRequestMakesRoomOnlyOnceItHasBeenArrivingForASecond() throws {
        let registry = ConnectionRegistry(limit: 2, logger: Self.quiet)
        let channels = (0..<4).map { _ in Self.channel() }
        let closed = channels.map(Closed.init)
        for (n, channel) in channels.prefix(2).enumerated() {
            let id = try #require(registry.admit(channel, now: at(Double(n) / 10)))
            registry.update(id, to: .reading, now: at(Double(n) / 10))
        }
        #expect(registry.admit(channels[2], now: at(0.5)) == nil, "a young request was cut to make room")
        #expect(registry.admit(channels[3], now: at(1.05)) != nil)
        #expect(closed[0].value && !closed[1].value)
    }

    @Test func aConnectionAnsweringARequestIsNeverClosedToMakeRoom() throws {
        let registry = ConnectionRegistry(limit: 1, logger: Self.quiet)
        let (busy, late) = (Self.channel(), Self.channel())
        let id = try #require(registry.admit(busy, now: at(0)))
        registry.update(id, to: .reading, now: at(0))
        registry.update(id, to: .responding, now: at(0))
        #expect(registry.admit(late, now: at(3600)) == nil)
        #expect(!Closed(busy).value)
        // Once it answers, it is idle, and goes first.
        registry.update(id, to: .idle, now: at(3601))
        #expect(registry.admit(late, now: at(3602)) != nil)
    }

    @Test func aClosedConnectionFreesItsPlace() throws {
        let registry = ConnectionRegistry(limit: 1, logger: Self.quiet)
        let id = try #require(registry.admit(Self.channel(), now: at(0)))
        registry.update(id, to: .responding, now: at(0))
        registry.remove(id)
        let next = Self.channel()
        #expect(registry.admit(next, now: at(1)) != nil)
        #expect(!Closed(next).value)
    }

    @Test func theDrainDeadlineCutsEveryConnectionAndCountsTheRequestsInFlight() throws {
        let registry = ConnectionRegistry(limit: 10, logger: Self.quiet)
        let channels = (0..<4).map { _ in Self.channel() }
        let closed = channels.map(Closed.init)
        let ids = try channels.map { try #require(registry.admit($0, now: at(0))) }
        registry.update(ids[0], to: .reading, now: at(1))
        registry.update(ids[1], to: .responding, now: at(1))
        #expect(registry.cutAll() == .init(requests: 2, connections: 4))
        #expect(closed.allSatisfy { $0.value })
        #expect(registry.admit(Self.channel(), now: at(2)) == nil, "admitted a connection after the cut")
        #expect(registry.cutAll().description == "0 requests in flight (0 connections closed)")
    }

    /// A million requests over a few connections do not grow what the registry keeps.
    @Test func manyRequestsKeepTheQueuesSmall() throws {
        let registry = ConnectionRegistry(limit: 10, logger: Self.quiet)
        let ids = try (0..<3).map { _ in try #require(registry.admit(Self.channel(), now: at(0))) }
        for n in 0..<100_000 {
            let id = ids[n % 3]
            registry.update(id, to: .reading, now: at(1))
            registry.update(id, to: .responding, now: at(1))
            registry.update(id, to: .idle, now: at(1))
        }
        #expect(registry.queued() < 2000)
    }

    // MARK: - the guard

    /// An embedded connection with a guard of 5 s idle and 2 s request deadlines.
    func guarded() throws -> (EmbeddedChannel, ConnectionGuard, ConnectionRegistry, Closed) {
        let registry = ConnectionRegistry(limit: 10, logger: Self.quiet)
        let channel = EmbeddedChannel()
        let closed = Closed(channel)
        let id = try #require(registry.admit(channel))
        let connectionGuard = ConnectionGuard(
            id: id, registry: registry, idleTimeout: .seconds(5), requestTimeout: .seconds(2), logger: Self.quiet)
        try channel.pipeline.syncOperations.addHandler(connectionGuard)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, connectionGuard, registry, closed)
    }

    @Test func aSilentConnectionIsClosedAtTheIdleTimeout() throws {
        let (channel, _, _, closed) = try guarded()
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(4900))
        #expect(!closed.value)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(200))
        #expect(closed.value)
    }

    @Test func halfARequestIsClosedAtTheRequestDeadline() throws {
        let (channel, _, registry, closed) = try guarded()
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        try channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\nHo"))
        #expect(registry.counts()[.reading] == 1)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1900))
        #expect(!closed.value)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(200))
        #expect(closed.value)
    }

    @Test func aRequestBeingAnsweredHasNoDeadlineAndIdleStartsAfterTheResponse() throws {
        let (channel, connectionGuard, registry, closed) = try guarded()
        try channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\n\r\n"))
        connectionGuard.requestHeadRead()
        connectionGuard.requestRead()
        #expect(registry.counts()[.responding] == 1)
        channel.embeddedEventLoop.advanceTime(by: .seconds(60))
        #expect(!closed.value)
        connectionGuard.responseWritten()
        #expect(registry.counts()[.idle] == 1)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(4900))
        #expect(!closed.value)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(200))
        #expect(closed.value)
    }

    /// A 401 written before the body is in leaves the body under its first byte's deadline.
    @Test func anEarlyAnswerLeavesTheBodyUnderItsDeadline() throws {
        let (channel, connectionGuard, _, closed) = try guarded()
        try channel.writeInbound(ByteBuffer(string: "POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\n{"))
        connectionGuard.requestHeadRead()
        connectionGuard.responseWritten()
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1900))
        #expect(!closed.value)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(200))
        #expect(closed.value)
    }
}

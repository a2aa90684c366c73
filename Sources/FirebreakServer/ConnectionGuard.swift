import Logging
import NIOCore
import NIOHTTPTypes

/// Holds one connection to its deadlines and tells the ``ConnectionRegistry`` what it is doing.
///
/// - Idle (new, or between requests): closed after `idleTimeout`.
/// - A request arriving: its first byte starts `requestTimeout`, by which the end of its body must
///   be in, else the connection is closed. This sits first in the pipeline, where bytes arrive,
///   so half a header (which the HTTP decoder keeps to itself) starts the clock too.
/// - A request being answered: no deadline here (the database work has its own), but a response
///   that the client does not read, so that the socket stays unwritable for `requestTimeout`, is
///   cut: such a client holds its connection no longer than a slow sender.
///
/// ``RequestBoundaryHandler``, after the HTTP codec, tells it where requests and responses end.
/// Bytes of a pipelined request that arrive before the previous one's end only start a deadline
/// once the decoder makes a head of them; until then the idle timeout bounds them.
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let id: UInt64
    let registry: ConnectionRegistry
    let idleTimeout: TimeAmount
    let requestTimeout: TimeAmount
    let logger: Logger

    private var context: ChannelHandlerContext?
    private var phase = ConnectionRegistry.Phase.idle
    private var deadline: Scheduled<Void>?
    private var stall: Scheduled<Void>?
    private var requestsStarted = 0
    private var requestsRead = 0
    private var responsesWritten = 0

    init(id: UInt64, registry: ConnectionRegistry, idleTimeout: Duration, requestTimeout: Duration, logger: Logger) {
        self.id = id
        self.registry = registry
        self.idleTimeout = TimeAmount(idleTimeout)
        self.requestTimeout = TimeAmount(requestTimeout)
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { enter(.idle, force: true) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        if deadline == nil { enter(.idle, force: true) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimers()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if phase == .idle { enter(.reading) }
        context.fireChannelRead(data)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            stall?.cancel()
            stall = nil
        } else if phase == .responding, stall == nil {
            stall = schedule(in: requestTimeout, .stalled)
        }
        context.fireChannelWritabilityChanged()
    }

    /// The decoder made a request head.
    func requestHeadRead() {
        requestsStarted += 1
        if phase == .idle { enter(.reading) }
    }

    /// The request's body (or its head, when it has none) is all in.
    func requestRead() {
        requestsRead += 1
        settle()
    }

    /// A response's last part was written.
    func responseWritten() {
        responsesWritten += 1
        settle()
    }

    /// The phase the counts say: a whole request awaits its answer, or one is still arriving, or
    /// neither. A response written before its request's body is in (a 401, a 413) leaves the body
    /// arriving, under the deadline its first byte started.
    private func settle() {
        if requestsRead > responsesWritten {
            enter(.responding)
        } else if requestsStarted > requestsRead {
            enter(.reading)
        } else {
            enter(.idle)
        }
    }

    private func enter(_ next: ConnectionRegistry.Phase, force: Bool = false) {
        guard next != phase || force else { return }
        phase = next
        deadline?.cancel()
        deadline = nil
        switch next {
        case .idle: deadline = schedule(in: idleTimeout, .idleTimeout)
        case .reading: deadline = schedule(in: requestTimeout, .requestTimeout)
        case .responding:
            if let context, !context.channel.isWritable, stall == nil {
                stall = schedule(in: requestTimeout, .stalled)
            }
        }
        if next != .responding {
            stall?.cancel()
            stall = nil
        }
        registry.update(id, to: next)
    }

    private func schedule(in delay: TimeAmount, _ reason: ConnectionRegistry.CloseReason) -> Scheduled<Void>? {
        guard let context else { return nil }
        return context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
            self.expire(reason)
        }
    }

    private func expire(_ reason: ConnectionRegistry.CloseReason) {
        guard let context else { return }
        registry.metrics.closed(reason)
        logger.debug(
            "closing connection",
            metadata: ["reason": "\(reason.rawValue)", "remote": "\(context.remoteAddress, default: "-")"]
        )
        cancelTimers()
        context.close(promise: nil)
    }

    private func cancelTimers() {
        deadline?.cancel()
        deadline = nil
        stall?.cancel()
        stall = nil
    }
}

/// Tells the ``ConnectionGuard`` where each request and response ends; it sits after the HTTP
/// codec, where the decoder has made parts of the bytes.
final class RequestBoundaryHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let connectionGuard: ConnectionGuard

    init(_ connectionGuard: ConnectionGuard) {
        self.connectionGuard = connectionGuard
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: connectionGuard.requestHeadRead()
        case .body: break
        case .end: connectionGuard.requestRead()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let isEnd: Bool
        if case .end = unwrapOutboundIn(data) { isEnd = true } else { isEnd = false }
        context.write(data, promise: promise)
        if isEnd { connectionGuard.responseWritten() }
    }
}

/// A connection past the limit when every open one is busy: it gets a 503 and is closed at once.
final class RefusedConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    static let answer: String = {
        let body =
            #"{"detail":"the server holds as many connections as it may and all are busy; try again","#
            + #""status":503,"title":"Too many connections","type":"urn:firebreak:problem:unavailable"}"#
        return "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\n"
            + "retry-after: 1\r\nconnection: close\r\ncontent-length: \(body.utf8.count)\r\n\r\n\(body)"
    }()

    private var answered = false

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { refuse(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        refuse(context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    /// Writes the answer and closes; the write is flushed before the close takes the socket.
    private func refuse(_ context: ChannelHandlerContext) {
        guard !answered else { return }
        answered = true
        context.writeAndFlush(NIOAny(ByteBuffer(string: Self.answer)), promise: nil)
        context.close(promise: nil)
    }
}

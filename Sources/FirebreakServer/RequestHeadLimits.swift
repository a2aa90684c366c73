import Foundation
import HTTPTypes
import HummingbirdCore
package import NIOCore
package import NIOHTTP1
package import NIOHTTPTypes

/// Answers a request whose URL or headers are too large with a problem, as every other error is
/// answered: 414 for a URL (path and query) over ``maxURLBytes``, 431 for header fields over
/// ``maxHeaderBytes`` in all, then closes the connection.
///
/// Without it, the HTTP decoder's own limit (80 KiB) fails the connection with an
/// `HTTPParserError`, which Hummingbird answers with an empty 400. The decoder's limits are
/// raised to ``decoderLimits`` so that the heads these limits refuse are read whole and told apart;
/// a head past even those still fails the decoder, and is answered here with 431 (the decoder
/// counts the request line with the headers, so it cannot say which was too long). Any other
/// error of the decoder (bytes that are not HTTP/1.1) gets a 400 problem.
///
/// It sits after the HTTP codec, so it sees requests as `HTTPRequestPart`s; a refused request
/// never reaches the router, and nothing after it on the connection is read.
package final class RequestHeadLimits: ChannelDuplexHandler, RemovableChannelHandler {
    package typealias InboundIn = HTTPRequestPart
    package typealias InboundOut = HTTPRequestPart
    package typealias OutboundIn = HTTPResponsePart
    package typealias OutboundOut = HTTPResponsePart

    /// The longest URL (path and query, as the request line carries it) served: 8 KiB, nginx's
    /// default line buffer. Past it, 414.
    package static let maxURLBytes = 8 << 10
    /// The most header field bytes (names, values and their separators) served: 32 KiB, room for
    /// any token and cookies. Past it, 431.
    package static let maxHeaderBytes = 32 << 10
    /// How much the HTTP decoder reads of a head (the request line counts as a field) before it
    /// fails: enough to read a head of a few hundred KiB whole and say which part was too long.
    package static let decoderLimits: NIOHTTPDecoderLimitConfiguration = {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = 256 << 10
        limits.maxHeaderListSize = 256 << 10
        limits.maxHeaderFieldCount = 1000
        return limits
    }()
    /// How long a refused connection stays open, reading and dropping what the client still
    /// sends, before it is closed: closing with unread bytes would reset the connection, and
    /// the client could lose the answer.
    static let linger = TimeAmount.seconds(2)

    package init() {}

    /// Requests passed on whose response has not ended; an error of the decoder while one is
    /// answered is left to Hummingbird, which answers it after that response.
    private var unanswered = 0
    private var refused = false

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        let part = unwrapInboundIn(data)
        if case .head(let request) = part {
            if let problem = Self.problem(for: request) {
                refuse(context: context, problem)
                return
            }
            unanswered += 1
        }
        context.fireChannelRead(data)
    }

    package func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { unanswered = max(0, unanswered - 1) }
        context.write(data, promise: promise)
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // After a refusal the connection is closing: what arrives after it (which the failed decoder
        // reports as an error of its own) is dropped.
        if refused { return }
        guard let parse = error as? HTTPParserError, unanswered == 0 else {
            context.fireErrorCaught(error)
            return
        }
        if parse == .headerOverflow {
            let limit = Self.decoderLimits.maxHeaderListSize >> 10
            refuse(
                context: context,
                Problem(
                    .headersTooLarge, status: .requestHeaderFieldsTooLarge,
                    detail: "the request line and headers are over \(limit) KiB"))
        } else {
            refuse(context: context, Problem(.malformed, status: .badRequest, detail: "the request is not HTTP/1.1"))
        }
    }

    /// The problem a request head is refused with, or nil when it is within the limits.
    static func problem(for request: HTTPRequest) -> Problem? {
        let url = request.path?.utf8.count ?? 0
        if url > maxURLBytes {
            return Problem(
                .uriTooLong, status: .uriTooLong,
                detail: "the URL is \(url) bytes; at most \(maxURLBytes) are served (send long values in a body)")
        }
        let headers = request.headerFields.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count + 4 }
        if headers > maxHeaderBytes {
            return Problem(
                .headersTooLarge, status: .requestHeaderFieldsTooLarge,
                detail: "the header fields are \(headers) bytes; at most \(maxHeaderBytes) are served")
        }
        return nil
    }

    /// Writes `problem` as the answer, stops reading requests, and closes the connection once the
    /// answer is out and the client had time to read it.
    private func refuse(context: ChannelHandlerContext, _ problem: Problem) {
        refused = true
        let body = (try? JSONEncoder.problem.encode(problem)) ?? Data()
        let headers: HTTPFields = [
            .contentType: "application/problem+json", .contentLength: "\(body.count)", .connection: "close",
        ]
        context.write(wrapOutboundOut(.head(HTTPResponse(status: problem.status, headerFields: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            channel.close(mode: .output, promise: nil)
            channel.eventLoop.scheduleTask(in: Self.linger) { channel.close(promise: nil) }
        }
    }
}

import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1.1 channel (the pipeline of `HTTP1Channel`) with Firebreak's rules on
/// connections: each is admitted by the ``ConnectionRegistry`` (or refused with 503 at once),
/// held to its idle and request deadlines by a ``ConnectionGuard``, and has its request heads
/// checked by ``RequestHeadLimits``.
struct GuardedHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    /// An accepted connection: served over HTTP, or refused (`http` nil) and already closing.
    struct Value: ServerChildChannelValue {
        let channel: any Channel
        let http: NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>?
    }

    let responder: HTTPChannelHandler.Responder
    let registry: ConnectionRegistry
    let idleTimeout: Duration
    let requestTimeout: Duration

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            guard let id = registry.admit(channel) else {
                try pipeline.addHandler(RefusedConnectionHandler())
                return Value(channel: channel, http: nil)
            }
            channel.closeFuture.whenComplete { [registry] _ in registry.remove(id) }
            let connectionGuard = ConnectionGuard(
                id: id, registry: registry, idleTimeout: idleTimeout, requestTimeout: requestTimeout, logger: logger)
            try pipeline.addHandler(connectionGuard)
            // As HTTP1Channel.setup: no pipelining assistance (NIOAsyncChannel answers requests in order)
            // and no error handling (RequestHeadLimits answers a parse error with a 400 problem).
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: RequestHeadLimits.decoderLimits)
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try pipeline.addHandler(RequestBoundaryHandler(connectionGuard))
            // 414 and 431 as problems for heads over the service's limits (its decoder limits above
            // let such heads be read whole).
            try pipeline.addHandler(RequestHeadLimits())
            // Without an idle timeout of its own: it closes idle connections when the server quiesces.
            try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: nil, logger: logger))
            let http = try NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>(
                wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
            return Value(channel: channel, http: http)
        }
    }

    func handle(value: Value, logger: Logger) async {
        guard let http = value.http else { return }
        await handleHTTP(asyncChannel: http, logger: logger)
    }
}

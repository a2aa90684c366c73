import NIOSSL
import PostgresNIO

/// The certificates a PostgreSQL server presents, read by a TLS handshake of Firebreak's own, so that a
/// refused certificate can be explained (an unknown CA, expired, for another name): BoringSSL says only
/// that verification failed.
///
/// The handshake sends PostgreSQL's SSLRequest, reads the chain in the verification callback and
/// abandons the handshake there: nothing else is sent, no password.
enum PeerCertificates {
    /// The chain the server at `host:port` presents, leaf first; empty when it could not be read
    /// within `timeout`.
    static func fetch(host: String, port: Int, serverName: String?, timeout: Duration) async -> [NIOSSLCertificate] {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates([])
        guard let sslContext = try? NIOSSLContext(configuration: configuration) else { return [] }
        let eventLoop = PostgresConnection.defaultEventLoopGroup.next()
        let chain = NIOLoopBoundBox.makeEmptyBox(valueType: [NIOSSLCertificate].self, eventLoop: eventLoop)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(TimeAmount(timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        SSLRequestHandler(sslContext: sslContext, serverName: serverName, chain: chain))
                }
            }
        guard let channel = try? await bootstrap.connect(host: host, port: port).get() else { return [] }
        let deadline = eventLoop.scheduleTask(in: TimeAmount(timeout)) { channel.close(promise: nil) }
        try? await channel.closeFuture.get()
        deadline.cancel()
        return (try? await eventLoop.submit { chain.value }.get()).flatMap { $0 } ?? []
    }
}

/// Asks for TLS, starts the handshake when the server agrees, and keeps the chain it presents.
private final class SSLRequestHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// PostgreSQL's SSLRequest: length 8, then the code 1234.5679.
    static let sslRequestCode: Int32 = 80_877_103

    let sslContext: NIOSSLContext
    let serverName: String?
    let chain: NIOLoopBoundBox<[NIOSSLCertificate]?>
    private var answered = false

    init(sslContext: NIOSSLContext, serverName: String?, chain: NIOLoopBoundBox<[NIOSSLCertificate]?>) {
        self.sslContext = sslContext
        self.serverName = serverName
        self.chain = chain
    }

    func channelActive(context: ChannelHandlerContext) {
        var request = context.channel.allocator.buffer(capacity: 8)
        request.writeInteger(Int32(8))
        request.writeInteger(Self.sslRequestCode)
        context.writeAndFlush(wrapOutboundOut(request), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        answered = true
        var answer = unwrapInboundIn(data)
        guard answer.readInteger(as: UInt8.self) == UInt8(ascii: "S") else {
            context.close(promise: nil)
            return
        }
        let chain = self.chain
        do {
            let tls = try NIOSSLClientHandler(context: sslContext, serverHostname: serverName) { certificates, result in
                chain.value = certificates
                result.succeed(NIOSSLVerificationResult.failed)
            }
            try context.pipeline.syncOperations.addHandler(tls, position: .before(self))
        } catch {
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

import FirebreakCore
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// How `firebreak serve` runs, built once from flags and the environment.
public struct ServerConfiguration: Sendable {
    /// The address to listen on. Default 127.0.0.1: put a proxy in front to serve others.
    public var host: String
    /// The port. Default 8080; 0 picks a free one.
    public var port: Int
    /// Request bodies above this many bytes get 413. Default 1 MiB.
    public var maxBodyBytes: Int
    /// How long a request may wait for the database before it fails with 503. Default 3 s:
    /// when the database is down, callers learn at once instead of hanging.
    public var databaseTimeout: Duration
    /// How long a checked token is remembered, so that a busy client does not cost a token lookup
    /// a request. Default 1 s; a revoked token can keep working that long. Zero: look up every time.
    public var tokenCacheLifetime: Duration
    /// The server's name in logs and metrics. Default "firebreak".
    public var name: String
    /// How long a connection with no request in progress (a new one that has sent nothing, or a
    /// keep-alive one between requests) stays open. Default 60 s, as nginx's `keepalive_timeout`
    /// and `client_header_timeout`: longer than any client pool keeps an idle connection.
    public var idleTimeout: Duration
    /// How long a request may take to arrive, from its first byte to the last of its body; a
    /// connection whose request is not in by then is closed (a slow-loris client holds no
    /// connection for longer). Default 10 s: a 1 MiB body then needs about 100 KB/s.
    public var requestTimeout: Duration
    /// The most connections held open at once. Past it, a new connection closes the one that has
    /// been idle longest (else the one whose request has been arriving longest, for at least
    /// ``evictReadingAfter``) and is served; when every connection is busy it gets 503 and is
    /// closed at once.
    /// Default: ``ConnectionLimit/default(fileLimit:)`` of the process's open-file limit, so that
    /// accepting never fails for want of a file descriptor.
    public var maxConnections: Int
    /// How long SIGTERM or SIGINT waits for the requests in flight before closing their
    /// connections and exiting (0, with a log line that says how many requests it cut). Default
    /// 10 s, below the 30 s that Kubernetes and systemd wait before SIGKILL.
    public var drainTimeout: Duration
    /// Past ``maxConnections``, how long a request must have been arriving before its connection
    /// gives way to a new one. Default 1 s: a client that takes longer to send its headers is
    /// slow-loris or on a link that will not carry the answer either.
    public var evictReadingAfter: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1 << 20,
        databaseTimeout: Duration = .seconds(3), tokenCacheLifetime: Duration = .seconds(1),
        name: String = "firebreak", idleTimeout: Duration = .seconds(60), requestTimeout: Duration = .seconds(10),
        maxConnections: Int = ConnectionLimit.default(fileLimit: FileLimit.current),
        drainTimeout: Duration = .seconds(10), evictReadingAfter: Duration = .seconds(1)
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.databaseTimeout = databaseTimeout
        self.tokenCacheLifetime = tokenCacheLifetime
        self.name = name
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.maxConnections = maxConnections
        self.drainTimeout = drainTimeout
        self.evictReadingAfter = evictReadingAfter
    }
}

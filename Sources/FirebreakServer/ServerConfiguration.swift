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

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1 << 20,
        databaseTimeout: Duration = .seconds(3), tokenCacheLifetime: Duration = .seconds(1),
        name: String = "firebreak"
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.databaseTimeout = databaseTimeout
        self.tokenCacheLifetime = tokenCacheLifetime
        self.name = name
    }
}

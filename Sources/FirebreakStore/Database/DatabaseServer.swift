public import PostgresNIO

/// A PostgreSQL server and how to reach it: over TCP with libpq's TLS rules, or over a Unix socket.
///
/// ``Database/run(_:logger:_:)-(DatabaseServer,_,_)`` makes the first connection itself, trying libpq's
/// fallbacks in order, so that a failure is one line that names the server and the cause; the pool
/// then uses the encryption that worked.
public struct DatabaseServer: Sendable {
    /// The pool's configuration. Its `tls` is chosen by the first connection, from ``tls``.
    public var configuration: PostgresClient.Configuration
    /// libpq's TLS parameters; nil over a Unix socket, where there is no TLS (as with libpq).
    public var tls: DatabaseTLS?
    /// `host:port`, or the socket's path, for messages.
    public var endpoint: String

    /// How long one attempt to connect may take unless `connect_timeout` says otherwise: libpq waits
    /// for ever by default, which a service that must report an unreachable database cannot.
    public static let defaultConnectTimeout = Duration.seconds(10)

    /// A server over TCP. `connectTimeout` is for each attempt to connect (libpq's `connect_timeout`).
    public init(
        host: String, port: Int, username: String, password: String?, database: String, tls: DatabaseTLS,
        connectTimeout: Duration = DatabaseServer.defaultConnectTimeout
    ) {
        configuration = .init(
            host: host, port: port, username: username, password: password, database: database, tls: .disable)
        configuration.options.connectTimeout = connectTimeout
        self.tls = tls
        endpoint = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// A server on the Unix socket file `unixSocketPath` (`/folder/.s.PGSQL.5432`).
    public init(
        unixSocketPath: String, username: String, password: String?, database: String,
        connectTimeout: Duration = DatabaseServer.defaultConnectTimeout
    ) {
        configuration = .init(
            unixSocketPath: unixSocketPath, username: username, password: password, database: database)
        configuration.options.connectTimeout = connectTimeout
        tls = nil
        endpoint = unixSocketPath
    }

    /// The pool's options (connections, timeouts), as `PostgresClient.Configuration` has them.
    public var options: PostgresClient.Configuration.Options {
        get { configuration.options }
        set { configuration.options = newValue }
    }
}

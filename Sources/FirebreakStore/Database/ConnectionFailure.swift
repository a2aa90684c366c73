import Foundation
import NIOSSL
import PostgresNIO

#if canImport(Glibc)
import Glibc
#endif

/// Why an attempt to connect failed, read from PostgresNIO's, NIO's and NIOSSL's errors.
enum ConnectionFailure: Sendable {
    /// No answer within the connect timeout.
    case timeout
    /// Nothing listens on the port (or the socket).
    case refused
    /// The socket file does not exist.
    case noSocket
    /// The host name does not resolve.
    case unresolvable
    /// The certificate chain does not lead to a root certificate.
    case untrustedChain
    /// The certificate is not for the host connected to.
    case hostNameMismatch
    /// Another TLS failure, with its description.
    case tlsFailed(String)
    /// The server answered the SSL request with no: it does not do TLS.
    case sslUnsupported
    /// pg_hba.conf has no line for this connection (host, user, database, encryption); the server's message.
    case noHBAEntry(String)
    /// The server refused the credentials; its message.
    case authentication(String)
    /// The server refused for another reason; its message and SQLSTATE.
    case server(String)
    /// Anything else, described.
    case other(String)

    init(_ error: any Error) {
        if let psql = error as? PSQLError {
            self = Self(psql)
        } else if let ssl = error as? NIOSSLExtraError, ssl == .failedToValidateHostname {
            self = .hostNameMismatch
        } else if let ssl = error as? NIOSSLError {
            self = "\(ssl)".contains("CERTIFICATE_VERIFY_FAILED") ? .untrustedChain : .tlsFailed("\(ssl)")
        } else if let ssl = error as? BoringSSLError {
            self = "\(ssl)".contains("CERTIFICATE_VERIFY_FAILED") ? .untrustedChain : .tlsFailed("\(ssl)")
        } else if case ChannelError.connectTimeout = error {
            self = .timeout
        } else if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: self = .refused
            case ENOENT: self = .noSocket
            default: self = .other(String(cString: strerror(io.errnoCode)))
            }
        } else if let connect = error as? NIOConnectionError {
            if let first = connect.connectionErrors.first {
                // Every address refused alike in practice (::1 and 127.0.0.1 for localhost); the first says it.
                self = Self(first.error)
            } else if connect.dnsAError != nil || connect.dnsAAAAError != nil {
                self = .unresolvable
            } else {
                self = .other("\(connect)")
            }
        } else {
            self = .other("\(error)")
        }
    }

    private init(_ error: PSQLError) {
        switch error.code {
        case .server:
            let message = error.serverInfo?[.message] ?? "refused"
            let state = error.serverInfo?[.sqlState] ?? ""
            if message.hasPrefix("no pg_hba.conf entry") {
                self = .noHBAEntry(message)
            } else if state.hasPrefix("28") {
                self = .authentication(message)
            } else {
                self = .server("\(message) (SQLSTATE \(state))")
            }
        case .sslUnsupported: self = .sslUnsupported
        case .authMechanismRequiresPassword: self = .authentication("the server asks for a password and none was given")
        case .unsupportedAuthMechanism:
            self = .authentication("the server asks for an authentication method that PostgresNIO does not support")
        case .saslError: self = .authentication("the SCRAM exchange with the server failed")
        case .serverClosedConnection, .uncleanShutdown:
            self = error.underlying.map { Self($0) } ?? .other("the server closed the connection during start-up")
        case .receivedUnencryptedDataAfterSSLRequest, .messageDecodingFailure, .unexpectedBackendMessage:
            self = .other("the answer is not PostgreSQL's protocol; is a PostgreSQL server there?")
        default:
            self = error.underlying.map { Self($0) } ?? .other("\(error.code)")
        }
    }

    /// Whether libpq would go on to its next attempt (plaintext after TLS under `prefer`, TLS after
    /// plaintext under `allow`): the server refused the connection, or the TLS handshake failed.
    var letsNextAttemptTry: Bool {
        switch self {
        case .untrustedChain, .hostNameMismatch, .tlsFailed, .noHBAEntry, .authentication, .server: true
        case .timeout, .refused, .noSocket, .unresolvable, .sslUnsupported, .other: false
        }
    }

    /// Whether this only says the server will not take this encryption, which another attempt's failure
    /// explains better.
    var refusesEncryption: Bool {
        switch self {
        case .sslUnsupported, .noHBAEntry: true
        default: false
        }
    }
}

import Foundation
import Logging
import NIOSSL
import PostgresNIO

#if canImport(Glibc)
import Glibc
#endif

extension DatabaseServer {
    /// How one attempt to connect encrypts.
    enum Encryption: Sendable {
        case plaintext
        /// TLS if the server offers it, else plaintext on the same connection (PostgresNIO's `prefer`).
        case preferTLS
        case requireTLS
    }

    /// libpq's attempts for the mode, in order. The next is tried only when the previous one was refused
    /// by the server or its TLS handshake failed (``ConnectionFailure/letsNextAttemptTry``).
    var attempts: [Encryption] {
        guard let tls else { return [.plaintext] }
        switch tls.mode {
        case .disable: return [.plaintext]
        case .allow: return [.plaintext, .requireTLS]
        case .prefer: return [.preferTLS, .plaintext]
        case .require, .verifyCA, .verifyFull: return [.requireTLS]
        }
    }

    /// Connects once as libpq would, and returns the pool's configuration with the encryption that worked.
    ///
    /// Checking first means a failure is reported at once and precisely (the pool retries, then trips its
    /// circuit breaker and says only that) and `allow` and `prefer` can fall back as libpq's do.
    /// - Throws: ``StoreError/Kind/unavailable``: `cannot connect to HOST:PORT: CAUSE`, one line.
    func firstConnection(logger: Logger) async throws -> PostgresClient.Configuration {
        var sslContext: NIOSSLContext?
        do {
            // Made once for every attempt, and not for plaintext only (it may load the system's trust store).
            if let tls, attempts.contains(where: { $0 != .plaintext }) {
                sslContext = try NIOSSLContext(configuration: tls.configuration)
            }
        } catch {
            throw StoreError.invalid("cannot use the TLS settings for \(endpoint): \(error)")
        }
        var failures: [ConnectionFailure] = []
        for encryption in attempts {
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: connectionConfiguration(encryption, sslContext), id: 0, logger: logger)
                try? await connection.close()
                var pool = configuration
                pool.tls = poolTLS(encryption)
                return pool
            } catch {
                let failure = ConnectionFailure(error)
                failures.append(failure)
                if !failure.letsNextAttemptTry { break }
            }
        }
        // The first failure tells most, unless it only says the server wants the other encryption.
        let failure = failures.first { !$0.refusesEncryption } ?? failures[0]
        throw StoreError.unavailable("cannot connect to \(endpoint): \(await explain(failure))")
    }

    /// The pool's TLS for an attempt that worked.
    private func poolTLS(_ encryption: Encryption) -> PostgresClient.Configuration.TLS {
        guard let tls else { return configuration.tls }
        switch encryption {
        case .plaintext: return .disable
        case .preferTLS: return .prefer(tls.configuration)
        case .requireTLS: return .require(tls.configuration)
        }
    }

    /// The configuration of one connection, as PostgresNIO's pool makes it from ``configuration``.
    private func connectionConfiguration(
        _ encryption: Encryption, _ sslContext: NIOSSLContext?
    ) -> PostgresConnection.Configuration {
        var result: PostgresConnection.Configuration
        if let host = configuration.host, let port = configuration.port {
            let tls: PostgresConnection.Configuration.TLS =
                switch (encryption, sslContext) {
                case (.preferTLS, let context?): .prefer(context)
                case (.requireTLS, let context?): .require(context)
                default: .disable
                }
            result = .init(
                host: host, port: port, username: configuration.username, password: configuration.password,
                database: configuration.database, tls: tls)
        } else {
            result = .init(
                unixSocketPath: configuration.unixSocketPath ?? endpoint, username: configuration.username,
                password: configuration.password, database: configuration.database)
        }
        result.options.connectTimeout = TimeAmount(configuration.options.connectTimeout)
        result.options.tlsServerName = configuration.options.tlsServerName
        result.options.requireBackendKeyData = configuration.options.requireBackendKeyData
        result.options.additionalStartupParameters = configuration.options.additionalStartupParameters
        return result
    }

    /// The cause in words, with what to do about it.
    private func explain(_ failure: ConnectionFailure) async -> String {
        let mode = tls?.mode.rawValue ?? "disable"
        switch failure {
        case .timeout:
            let seconds = configuration.options.connectTimeout.components.seconds
            return "timed out after \(seconds) s; is the host reachable from here?"
                + " (connect_timeout or PGCONNECT_TIMEOUT sets the limit)"
        case .refused:
            return configuration.host == nil
                ? "connection refused; is the server running?"
                : "connection refused; is the server running and accepting TCP connections on that port?"
        case .noSocket: return "no server socket there; is the server running?"
        case .unresolvable: return "cannot resolve the host name \(configuration.host ?? endpoint)"
        case .untrustedChain:
            let problem = await untrusted().chainProblem
            var text = "the server's certificate is not trusted (\(problem.reason)); \(problem.advice)"
            if let tls, !tls.mode.verifiesChain {
                text += " (sslmode=\(mode) verifies it because the root certificate file exists)"
            }
            return text
        case .hostNameMismatch:
            let certificate = await untrusted()
            return
                "the server's certificate is not trusted (\(certificate.nameReason(host: configuration.host ?? "")));"
                + " connect by a name it is for, or use sslmode=verify-ca to check its CA alone"
        case .tlsFailed(let detail): return "the TLS handshake failed: \(detail)"
        case .sslUnsupported:
            return "the server does not support SSL, and sslmode=\(mode) refuses a plaintext connection"
        case .noHBAEntry(let message):
            let hint =
                message.hasSuffix("no encryption") && mode == "disable" ? "; it wants TLS: use sslmode=prefer" : ""
            return "the server refuses the connection: \(message)\(hint)"
        case .authentication(let message): return "authentication failed: \(message)"
        case .server(let message): return "the server refused: \(message)"
        case .other(let text): return text
        }
    }

    /// The server's certificate, read again to say why it was refused.
    private func untrusted() async -> UntrustedCertificate {
        var chain: [NIOSSLCertificate] = []
        if let host = configuration.host, let port = configuration.port {
            let serverName = configuration.options.tlsServerName ?? (Self.isIPAddress(host) ? nil : host)
            chain = await PeerCertificates.fetch(
                host: host, port: port, serverName: serverName, timeout: configuration.options.connectTimeout)
        }
        var roots: [NIOSSLCertificate] = []
        if case .file(let path) = tls?.roots { roots = (try? NIOSSLCertificate.fromPEMFile(path)) ?? [] }
        return UntrustedCertificate(
            chain: chain, roots: roots, rootsName: tls?.roots?.description ?? "no root certificate", now: Date())
    }

    /// Whether `host` is an IPv4 or IPv6 address, which is not sent as the TLS server name (SNI).
    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}

import Foundation
import Logging
import PostgresNIO
import Testing

@testable import FirebreakStore

#if canImport(Glibc)
import Glibc
#endif

/// Every `sslmode` against a server with TLS, scram-sha-256 and a CA of its own, as libpq would
/// connect or refuse, and the one line a failure is (issue #13).
@Suite("Database TLS as libpq", .serialized, .tlsCluster)
struct DatabaseTLSTests {
    var cluster: TLSCluster { TLSClusterTrait.current! }

    /// Connects as `url` (with the `PG*` variables of `environment` and an empty home) and says
    /// whether the pool's session is encrypted, by PostgreSQL's own account.
    func encrypted(_ url: String, _ environment: [String: String] = [:]) async throws -> Bool {
        let server = try server(url, environment)
        return try await Database.run(server, logger: Self.quiet) { db in
            let rows = try await db.client.query(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: db.logger)
            for try await ssl in rows.decode(Bool.self) { return ssl }
            Issue.record("pg_stat_ssl has no row for the session")
            return false
        }
    }

    /// The message of connecting as `url`, which must fail as unavailable, on one line, without the password.
    func failure(_ url: String, _ environment: [String: String] = [:]) async throws -> String {
        let server = try server(url, environment)
        do {
            try await Database.run(server, logger: Self.quiet) { _ in }
        } catch let error as StoreError {
            #expect(error.kind == .unavailable)
            #expect(!error.message.contains("\n"), "not one line: \(error.message)")
            #expect(!error.message.contains(TLSCluster.password))
            return error.message
        }
        Issue.record("\(url) connected")
        return ""
    }

    func server(_ url: String, _ environment: [String: String] = [:]) throws -> DatabaseServer {
        let settings = try DatabaseSettings.fromURL(
            url, environment: ["HOME": cluster.home].merging(environment) { $1 })
        guard case .server(let server, _) = settings else { throw StoreError.invalid("not a server") }
        return server
    }

    static var quiet: Logger {
        var logger = Logger(label: "firebreak.test.tls")
        logger.logLevel = .critical
        return logger
    }

    // MARK: - modes that verify nothing without a root certificate

    @Test(arguments: [("disable", false), ("allow", false), ("prefer", true), ("require", true), ("", true)])
    func aModeWithoutRootCertificatesEncryptsAsLibpq(mode: String, tls: Bool) async throws {
        // The server's certificate is for localhost and signed by a CA nobody named: none of these checks it.
        let query = mode.isEmpty ? "" : "sslmode=\(mode)"
        #expect(try await encrypted(cluster.url(query)) == tls, "sslmode=\(mode.isEmpty ? "(default)" : mode)")
    }

    @Test func allowTurnsToTLSWhenTheServerRefusesPlaintext() async throws {
        #expect(try await encrypted(cluster.url(user: "tls_only", "sslmode=allow")))
        let message = try await failure(cluster.url(user: "tls_only", "sslmode=disable"))
        #expect(message.hasPrefix("cannot connect to 127.0.0.1:\(cluster.port): the server refuses the connection"))
        #expect(message.contains("no pg_hba.conf entry"))
        #expect(message.hasSuffix("it wants TLS: use sslmode=prefer"))
    }

    @Test func preferTurnsToPlaintextWhenTheServerRefusesTLS() async throws {
        #expect(try await encrypted(cluster.url(user: "plain_only", "sslmode=prefer")) == false)
        let message = try await failure(cluster.url(user: "plain_only", "sslmode=require"))
        #expect(message.contains("the server refuses the connection: no pg_hba.conf entry"))
        #expect(message.contains("SSL encryption"))
    }

    // MARK: - verification

    @Test func verifyCAChecksTheChainButNotTheName() async throws {
        // 127.0.0.1 is not in the certificate (localhost is): verify-ca does not mind.
        #expect(try await encrypted(cluster.url("sslmode=verify-ca&sslrootcert=\(cluster.ca)")))
        let message = try await failure(cluster.url("sslmode=verify-ca&sslrootcert=\(cluster.otherCA)"))
        #expect(
            message
                == "cannot connect to 127.0.0.1:\(cluster.port): the server's certificate is not trusted (unknown CA:"
                + " issued by \"Firebreak Test CA\", which \(cluster.otherCA) does not hold);"
                + " pass sslrootcert=/path/ca.pem or PGSSLROOTCERT")
    }

    @Test func verifyFullChecksTheChainAndTheName() async throws {
        #expect(try await encrypted(cluster.url(host: "localhost", "sslmode=verify-full&sslrootcert=\(cluster.ca)")))
        let byAddress = try await failure(cluster.url("sslmode=verify-full&sslrootcert=\(cluster.ca)"))
        #expect(
            byAddress
                == "cannot connect to 127.0.0.1:\(cluster.port): the server's certificate is not trusted (hostname"
                + " mismatch: it is for localhost, not 127.0.0.1); connect by a name it is for, or use sslmode=verify-ca"
                + " to check its CA alone")
        let otherCA = try await failure(
            cluster.url(host: "localhost", "sslmode=verify-full&sslrootcert=\(cluster.otherCA)"))
        #expect(
            otherCA.hasPrefix(
                "cannot connect to localhost:\(cluster.port): the server's certificate is not trusted (unknown CA"))
    }

    @Test func requireWithARootCertificateVerifiesTheChainAsLibpqDoes() async throws {
        #expect(try await encrypted(cluster.url("sslmode=require&sslrootcert=\(cluster.ca)")))
        let message = try await failure(cluster.url("sslmode=require&sslrootcert=\(cluster.otherCA)"))
        #expect(message.contains("(unknown CA: issued by \"Firebreak Test CA\""))
        #expect(message.hasSuffix("(sslmode=require verifies it because the root certificate file exists)"))
    }

    @Test func theDefaultRootCertificateIsTheHomesRootCrt() async throws {
        let home = cluster.folder + "/home-with-root"
        try FileManager.default.createDirectory(atPath: home + "/.postgresql", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.copyItem(atPath: cluster.otherCA, toPath: home + "/.postgresql/root.crt")
        // prefer verifies too once root.crt exists, and after a refused certificate libpq goes on in plaintext.
        #expect(try await encrypted(cluster.url("sslmode=prefer"), ["HOME": home]) == false)
        let tlsOnly = try await failure(cluster.url(user: "tls_only", "sslmode=prefer"), ["HOME": home])
        #expect(tlsOnly.contains("not trusted (unknown CA"), "the certificate, not the plaintext refusal: \(tlsOnly)")
        let refused = try await failure(cluster.url("sslmode=require"), ["HOME": home])
        #expect(refused.contains("which \(home)/.postgresql/root.crt does not hold"))
        try FileManager.default.removeItem(atPath: home + "/.postgresql/root.crt")
        try FileManager.default.copyItem(atPath: cluster.ca, toPath: home + "/.postgresql/root.crt")
        #expect(try await encrypted(cluster.url("sslmode=verify-ca"), ["HOME": home]))
    }

    @Test func verifyingWithoutARootCertificateIsRefusedBeforeConnecting() throws {
        for mode in ["verify-ca", "verify-full"] {
            let error = #expect(throws: StoreError.self) { try server(cluster.url("sslmode=\(mode)")) }
            #expect(error?.kind == .invalid)
            #expect(error?.message.contains("needs its CA: pass sslrootcert=/path/ca.pem or PGSSLROOTCERT") == true)
        }
    }

    @Test func theSystemStoreIsForVerifyFullOnly() async throws {
        let weak = #expect(throws: StoreError.self) { try server(cluster.url("sslmode=require&sslrootcert=system")) }
        #expect(weak?.message.contains("sslrootcert=system needs sslmode=verify-full") == true)
        // sslrootcert=system alone means verify-full, and no public CA signed the test's certificate.
        let message = try await failure(cluster.url(host: "localhost", "sslrootcert=system"))
        #expect(message.contains("which the system trust store does not hold"))
    }

    // MARK: - the environment

    @Test func thePGSSLVariablesStandForWhatTheURLLeavesOut() async throws {
        let variables = ["PGSSLMODE": "verify-full", "PGSSLROOTCERT": cluster.ca]
        #expect(try await encrypted(cluster.url(host: "localhost"), variables))
        #expect(try await failure(cluster.url(), variables).contains("hostname mismatch"))
        #expect(try await encrypted(cluster.url("sslmode=disable"), variables) == false)
    }

    @Test func aModeLibpqDoesNotKnowIsRefused() throws {
        let error = #expect(throws: StoreError.self) { try server(cluster.url(), ["PGSSLMODE": "verify"]) }
        #expect(
            error?.message
                == "PGSSLMODE \"verify\" is not one of disable, allow, prefer, require, verify-ca, verify-full")
    }

    @Test func aUnixSocketHasNoTLSWhateverTheMode() async throws {
        let url = "postgresql:///postgres?host=\(cluster.server)&port=\(cluster.port)&user=postgres&sslmode=verify-full"
        #expect(try await encrypted(url) == false)
        #expect(throws: StoreError.invalid("sslmode \"verify\" is not one of \(SSLMode.names)")) {
            try server(url.replacingOccurrences(of: "verify-full", with: "verify"))
        }
    }

    // MARK: - a server without TLS

    @Test func aServerWithoutTLS() async throws {
        try await cluster.configure(ssl: false)
        do {
            for mode in ["require", "verify-ca", "verify-full"] {
                let message = try await failure(
                    cluster.url(host: "localhost", "sslmode=\(mode)&sslrootcert=\(cluster.ca)"))
                #expect(
                    message
                        == "cannot connect to localhost:\(cluster.port): the server does not support SSL, and sslmode=\(mode)"
                        + " refuses a plaintext connection")
            }
            #expect(try await encrypted(cluster.url("sslmode=prefer")) == false)
            #expect(try await encrypted(cluster.url("sslmode=allow")) == false)
        } catch {
            try await cluster.configure(ssl: true)
            throw error
        }
        try await cluster.configure(ssl: true)
    }

    @Test func anExpiredCertificateIsNamed() async throws {
        try await cluster.configure(ssl: true, certificate: .expired)
        do {
            let message = try await failure(
                cluster.url(host: "localhost", "sslmode=verify-full&sslrootcert=\(cluster.ca)"))
            #expect(message.contains("the server's certificate is not trusted (expired on "))
            #expect(message.hasSuffix("; the server needs a new certificate"))
            // Nothing is verified under require without a root certificate: an expired one does.
            #expect(try await encrypted(cluster.url("sslmode=require")))
        } catch {
            try await cluster.configure(ssl: true)
            throw error
        }
        try await cluster.configure(ssl: true)
    }

    // MARK: - client certificates

    @Test func aClientCertificateIsPresented() async throws {
        let pair = "sslcert=\(cluster.clientCertificate)&sslkey=\(cluster.clientKey)"
        #expect(try await encrypted(cluster.url(user: "cert_user", password: nil, "sslmode=require&\(pair)")))
        let without = try await failure(cluster.url(user: "cert_user", password: nil, "sslmode=require"))
        #expect(without.contains("authentication failed: "))
        #expect(without.contains("certificate"))
        let variables = ["PGSSLCERT": cluster.clientCertificate, "PGSSLKEY": cluster.clientKey]
        #expect(
            try await encrypted(
                cluster.url(user: "cert_user", password: nil, "sslmode=verify-ca&sslrootcert=\(cluster.ca)"), variables)
        )
    }

    @Test func aPrivateKeyOthersCanReadIsRefused() throws {
        let key = cluster.folder + "/pki/open.key"
        try FileManager.default.copyItem(atPath: cluster.clientKey, toPath: key)
        defer { try? FileManager.default.removeItem(atPath: key) }
        chmod(key, 0o644)
        let error = #expect(throws: StoreError.self) {
            try server(cluster.url("sslmode=require&sslcert=\(cluster.clientCertificate)&sslkey=\(key)"))
        }
        #expect(error?.message.contains("can be read or written by others (mode 644)") == true)
    }

    // MARK: - failures that are not TLS

    @Test func aWrongPasswordIsAnAuthenticationFailure() async throws {
        let message = try await failure(cluster.url(password: "wrong", "sslmode=require"))
        #expect(
            message
                == "cannot connect to 127.0.0.1:\(cluster.port): authentication failed:"
                + " password authentication failed for user \"app\""
        )
    }

    @Test func aClosedPortIsRefused() async throws {
        let port = try TLSCluster.freePort()
        let message = try await failure(
            "postgres://app@127.0.0.1:\(port)/postgres?sslmode=verify-full&sslrootcert=\(cluster.ca)")
        #expect(
            message
                == "cannot connect to 127.0.0.1:\(port): connection refused;"
                + " is the server running and accepting TCP connections on that port?"
        )
    }

    @Test func aHostThatDoesNotResolveIsNamed() async throws {
        // .invalid never resolves (RFC 6761).
        let message = try await failure("postgres://app@db.firebreak.invalid:5432/postgres")
        #expect(
            message == "cannot connect to db.firebreak.invalid:5432: cannot resolve the host name db.firebreak.invalid")
    }

    @Test func aServerThatNeverAnswersTimesOutAtTheConnectTimeout() async throws {
        let silent = try Listener()
        defer { silent.close() }
        let started = ContinuousClock.now
        let message = try await failure("postgres://app@127.0.0.1:\(silent.port)/postgres", ["PGCONNECT_TIMEOUT": "2"])
        #expect(message.hasPrefix("cannot connect to 127.0.0.1:\(silent.port): timed out after 2 s"))
        // Not the pool's circuit breaker, which says nothing of the cause after about 13 s. With no
        // sslmode (prefer), two tries of 2 s each; the suite's load beside it once stretched them to 8.5 s.
        #expect(ContinuousClock.now - started < .seconds(12))
    }
}

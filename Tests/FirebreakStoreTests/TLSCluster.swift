import Foundation
import Logging
import PostgresNIO
import Testing

@testable import FirebreakStore

#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster on 127.0.0.1 with TLS, as a managed database is reached: a CA and a
/// server certificate for `localhost` made by `openssl`, scram-sha-256 passwords, and pg_hba.conf lines
/// that take each user only over TLS, only in plaintext, either way, or by client certificate.
///
/// One cluster serves a suite (``TLSClusterTrait``); its TLS is switched by a reload, not a restart.
final class TLSCluster: Sendable {
    /// The password of every role that has one.
    static let password = "correct horse 42"
    /// The roles and how pg_hba.conf takes them over TCP.
    static let hba = """
        local all all trust
        hostssl all tls_only 127.0.0.1/32 scram-sha-256
        hostnossl all plain_only 127.0.0.1/32 scram-sha-256
        hostssl all cert_user 127.0.0.1/32 cert
        host all app 127.0.0.1/32 scram-sha-256
        """

    /// The folder holding everything; removed by ``stop()``.
    let folder: String
    let port: Int
    let runAs: String?
    /// An empty home folder, so that no `~/.postgresql` of the machine's changes what a test sees.
    var home: String { folder + "/home" }
    /// The CA that signed the server's certificates.
    var ca: String { folder + "/pki/ca.crt" }
    /// A CA that signed nothing the server presents.
    var otherCA: String { folder + "/pki/other-ca.crt" }
    /// The client certificate and key of `cert_user`, signed by ``ca``.
    var clientCertificate: String { folder + "/pki/client.crt" }
    var clientKey: String { folder + "/pki/client.key" }
    /// The server's own files and its Unix socket.
    var server: String { folder + "/server" }
    private var data: String { folder + "/data" }

    /// The certificate the server presents.
    enum ServerCertificate: String {
        /// For `localhost` only (no IP address), signed by ``TLSCluster/ca``.
        case localhost
        /// The same, but its validity ended yesterday.
        case expired
    }

    private init(folder: String, port: Int) {
        self.folder = folder
        self.port = port
        runAs = geteuid() == 0 ? "postgres" : nil
    }

    /// Makes the certificates, creates the cluster and starts it with TLS on.
    static func start() async throws -> TLSCluster {
        let folder = NSTemporaryDirectory() + "fb-tls-" + UUID().uuidString.prefix(8).lowercased()
        let cluster = TLSCluster(folder: folder, port: try freePort())
        do {
            try await cluster.create()
        } catch {
            cluster.stop()
            throw error
        }
        return cluster
    }

    private func create() async throws {
        for sub in ["", "/pki", "/home", "/server", "/data"] {
            try FileManager.default.createDirectory(atPath: folder + sub, withIntermediateDirectories: true)
        }
        chmod(folder, 0o755)
        chmod(data, 0o700)
        try makeCertificates()
        for name in ["ca.crt", "localhost.crt", "localhost.key", "expired.crt", "expired.key"] {
            try FileManager.default.copyItem(atPath: "\(folder)/pki/\(name)", toPath: "\(server)/\(name)")
        }
        try writeSSLSettings(on: true, certificate: .localhost)
        if let runAs { try run(ProcessRunner.find("chown") ?? "/bin/chown", ["-R", "\(runAs):", server, data]) }
        try run(
            try EmbeddedCluster.binary("initdb"),
            ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-instructions"],
            as: runAs)
        try Self.hba.write(toFile: data + "/pg_hba.conf", atomically: false, encoding: .utf8)
        let settings = """
            listen_addresses = '127.0.0.1'
            port = \(port)
            unix_socket_directories = '\(server)'
            max_connections = 30
            fsync = off
            password_encryption = 'scram-sha-256'
            ssl_ca_file = '\(server)/ca.crt'
            include = '\(server)/ssl.conf'
            """
        let conf = FileHandle(forWritingAtPath: data + "/postgresql.conf")!
        conf.seekToEndOfFile()
        conf.write(Data(("\n" + settings + "\n").utf8))
        conf.closeFile()
        try run(
            try EmbeddedCluster.binary("pg_ctl"),
            ["start", "-D", data, "-l", server + "/postgres.log", "-w", "-t", "30"],
            as: runAs)
        try await admin { db in
            for role in ["app", "tls_only", "plain_only"] {
                try await db.client.query(
                    PostgresQuery(unsafeSQL: "CREATE ROLE \(role) LOGIN PASSWORD '\(Self.password)'"), logger: db.logger
                )
            }
            try await db.client.query("CREATE ROLE cert_user LOGIN", logger: db.logger)
        }
    }

    /// Turns TLS on or off and chooses the server's certificate, by a reload; returns once new
    /// sessions see it.
    func configure(ssl on: Bool, certificate: ServerCertificate = .localhost) async throws {
        try writeSSLSettings(on: on, certificate: certificate)
        try run(try EmbeddedCluster.binary("pg_ctl"), ["reload", "-D", data], as: runAs)
        let wanted = "\(on ? "on" : "off") \(server)/\(certificate.rawValue).crt"
        for _ in 0..<100 {
            let now = try await admin { db in
                let rows = try await db.client.query(
                    "SELECT current_setting('ssl') || ' ' || current_setting('ssl_cert_file')", logger: db.logger)
                for try await text in rows.decode(String.self) { return text }
                return ""
            }
            if now == wanted { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the server did not take ssl=\(on), \(certificate) after a reload")
    }

    /// Stops the server at once and removes everything.
    func stop() {
        if FileManager.default.fileExists(atPath: data + "/PG_VERSION"),
            let pgCtl = try? EmbeddedCluster.binary("pg_ctl")
        {
            _ = try? ProcessRunner.run(pgCtl, ["stop", "-D", data, "-m", "immediate", "-w"], as: runAs)
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A URL for `user` at `host` (by default 127.0.0.1) with libpq keywords in `query`.
    func url(
        user: String = "app", password: String? = TLSCluster.password, host: String = "127.0.0.1", _ query: String = ""
    )
        -> String
    {
        let secret =
            password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        return "postgres://\(user)\(secret)@\(host):\(port)/postgres" + (query.isEmpty ? "" : "?" + query)
    }

    /// Runs `body` as the superuser over the Unix socket.
    private func admin<Result: Sendable>(_ body: @Sendable (Database) async throws -> Result) async throws -> Result {
        var logger = Logger(label: "firebreak.test.tls")
        logger.logLevel = .critical
        let socket = DatabaseServer(
            unixSocketPath: "\(server)/.s.PGSQL.\(port)", username: "postgres", password: nil, database: "postgres")
        return try await Database.run(socket, logger: logger, body)
    }

    private func writeSSLSettings(on: Bool, certificate: ServerCertificate) throws {
        let text = """
            ssl = \(on ? "on" : "off")
            ssl_cert_file = '\(server)/\(certificate.rawValue).crt'
            ssl_key_file = '\(server)/\(certificate.rawValue).key'
            """
        try text.write(toFile: server + "/ssl.conf", atomically: false, encoding: .utf8)
    }

    /// Two CAs, the server's certificates (current and expired) and a client certificate, with EC keys (fast).
    private func makeCertificates() throws {
        let pki = folder + "/pki"
        let openssl = ProcessRunner.find("openssl") ?? "/usr/bin/openssl"
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        for (name, subject) in [("ca", "Firebreak Test CA"), ("other-ca", "Some Other CA")] {
            try run(
                openssl,
                ["req", "-x509"] + ec + [
                    "-keyout", "\(pki)/\(name).key", "-out", "\(pki)/\(name).crt", "-days", "2", "-subj",
                    "/CN=\(subject)",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                ])
        }
        try "subjectAltName=DNS:localhost\n".write(toFile: pki + "/server.ext", atomically: false, encoding: .utf8)
        try "extendedKeyUsage=clientAuth\n".write(toFile: pki + "/client.ext", atomically: false, encoding: .utf8)
        let leaves = [
            ("localhost", "localhost", "2", "server.ext"), ("expired", "localhost", "-1", "server.ext"),
            ("client", "cert_user", "2", "client.ext"),
        ]
        for (serial, (name, subject, days, extensions)) in leaves.enumerated() {
            try run(
                openssl,
                ["req", "-new"] + ec + [
                    "-keyout", "\(pki)/\(name).key", "-subj", "/CN=\(subject)", "-out", "\(pki)/\(name).csr",
                ])
            try run(
                openssl,
                [
                    "x509", "-req", "-in", "\(pki)/\(name).csr", "-CA", "\(pki)/ca.crt", "-CAkey", "\(pki)/ca.key",
                    "-set_serial", "\(serial + 10)", "-days", days, "-extfile", "\(pki)/\(extensions)", "-out",
                    "\(pki)/\(name).crt",
                ])
            chmod("\(pki)/\(name).key", 0o600)
        }
    }

    private func run(_ program: String, _ arguments: [String], as user: String? = nil) throws {
        let result = try ProcessRunner.run(program, arguments, as: user)
        guard result.status == 0 else {
            throw StoreError.unavailable("\((program as NSString).lastPathComponent) failed: \(result.output)")
        }
    }

    /// A port on 127.0.0.1 that nothing listens on now (the kernel's choice of a free one).
    static func freePort() throws -> Int {
        let listener = try Listener()
        defer { listener.close() }
        return listener.port
    }
}

/// A TCP socket on 127.0.0.1 that listens and never accepts: a connection to it is made by the kernel,
/// and then nothing answers.
struct Listener {
    let descriptor: Int32
    let port: Int

    init() throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = descriptor
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(fd, address, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, address, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw StoreError.unavailable("cannot listen on 127.0.0.1") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(descriptor) }
}

/// Starts one ``TLSCluster`` for a suite and stops it after the suite's last test.
struct TLSClusterTrait: SuiteTrait, TestScoping {
    @TaskLocal static var current: TLSCluster?

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let cluster = try await TLSCluster.start()
        defer { cluster.stop() }
        try await Self.$current.withValue(cluster) { try await function() }
    }
}

extension Trait where Self == TLSClusterTrait {
    /// A PostgreSQL cluster with TLS on 127.0.0.1 for the suite: ``TLSClusterTrait/current``.
    static var tlsCluster: Self { TLSClusterTrait() }
}

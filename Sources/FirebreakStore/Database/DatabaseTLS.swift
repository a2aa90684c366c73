import Foundation
public import NIOSSL

#if canImport(Glibc)
import Glibc
#endif

/// The TLS of a connection to a server over TCP, from libpq's parameters `sslmode`, `sslrootcert`,
/// `sslcert` and `sslkey` (or `PGSSLMODE`, `PGSSLROOTCERT`, `PGSSLCERT`, `PGSSLKEY`) and libpq's
/// default files in `~/.postgresql` (`root.crt`, `postgresql.crt`, `postgresql.key`).
///
/// The files are read when the settings are made, so that a missing or unreadable one is named at once.
public struct DatabaseTLS: Sendable {
    /// What the server's certificate chain is verified against.
    public enum Roots: Sendable, Equatable, CustomStringConvertible {
        /// The PEM certificates of a file: `sslrootcert=/path/ca.pem`, or `~/.postgresql/root.crt`.
        case file(String)
        /// The system's trust store: `sslrootcert=system`.
        case system

        public var description: String {
            switch self {
            case .file(let path): path
            case .system: "the system trust store"
            }
        }
    }

    /// What is verified of the server's certificate.
    public enum Verification: Sendable, Equatable {
        /// Nothing: the connection is encrypted, but the server may be anyone.
        case nothing
        /// The chain leads to one of the ``roots``; the name is not checked (verify-ca).
        case chain
        /// The chain, and the certificate is for the host connected to (verify-full).
        case chainAndHostName
    }

    public var mode: SSLMode
    /// The root certificates: nil when none is named and `~/.postgresql/root.crt` does not exist.
    public var roots: Roots?
    /// Whether ``roots`` is libpq's default file rather than one the user named, for messages.
    public var rootsAreDefault: Bool
    /// The client certificate presented to the server, when one is named or `~/.postgresql/postgresql.crt` exists.
    public var clientCertificate: String?
    /// NIOSSL's configuration, with the roots, the client certificate and its key loaded.
    public var configuration: TLSConfiguration

    /// What ``mode`` and ``roots`` verify. As in libpq, `allow`, `prefer` and `require` verify the
    /// chain when a root certificate file exists, and nothing otherwise.
    public var verification: Verification {
        switch mode {
        case .verifyFull: .chainAndHostName
        case .verifyCA: .chain
        case .disable, .allow, .prefer, .require: roots == nil ? .nothing : .chain
        }
    }

    /// Reads the parameters and loads the files they name. The default mode is `prefer`, or
    /// `verify-full` when `sslrootcert=system` (as libpq 16 and later).
    static func resolve(_ parameters: LibpqParameters) throws -> DatabaseTLS {
        let rootText = parameters.value("sslrootcert")
        let mode = try parameters.sslMode() ?? (rootText == "system" ? .verifyFull : .prefer)
        var tls = DatabaseTLS(
            mode: mode, roots: nil, rootsAreDefault: false, clientCertificate: nil,
            configuration: .makeClientConfiguration())
        // libpq reads no file when it will not use TLS.
        guard mode != .disable else { return tls }
        let folder = parameters.home.map { $0 + "/.postgresql" }

        if rootText == "system" {
            // libpq 16 refuses this too: the system's roots vouch for any name, so only the name's check
            // means anything.
            guard mode == .verifyFull else {
                throw StoreError.invalid(
                    "sslrootcert=system needs sslmode=verify-full (the system's roots vouch for any host's name),"
                        + " not \(mode.rawValue)"
                )
            }
            tls.roots = .system
        } else if let rootText {
            tls.roots = .file(try Self.existing(rootText, parameters.source("sslrootcert")))
        } else if let folder, FileManager.default.fileExists(atPath: folder + "/root.crt") {
            tls.roots = .file(folder + "/root.crt")
            tls.rootsAreDefault = true
        }
        if mode.verifiesChain && tls.roots == nil {
            throw StoreError.invalid(
                "sslmode=\(mode.rawValue) verifies the server's certificate and needs its CA: pass sslrootcert=/path/ca.pem"
                    + " or PGSSLROOTCERT (sslrootcert=system for the system's trusted roots)"
                    + (folder.map { "; \($0)/root.crt does not exist" } ?? ""))
        }

        switch tls.verification {
        case .nothing:
            tls.configuration.certificateVerification = .none
            // Nothing to verify against: do not load the system's store for nothing.
            tls.configuration.trustRoots = .certificates([])
        case .chain: tls.configuration.certificateVerification = .noHostnameVerification
        case .chainAndHostName: tls.configuration.certificateVerification = .fullVerification
        }
        switch tls.roots {
        case .file(let path):
            tls.configuration.trustRoots = .certificates(
                try Self.certificates(path, tls.rootsAreDefault ? path : parameters.source("sslrootcert")))
        case .system: tls.configuration.trustRoots = .default
        case nil: break
        }
        try tls.loadClientCertificate(parameters, folder: folder)
        return tls
    }

    /// The client certificate and key: named ones must exist; libpq's defaults are used when they do.
    private mutating func loadClientCertificate(_ parameters: LibpqParameters, folder: String?) throws {
        let certificate: String
        if let named = parameters.value("sslcert") {
            certificate = try Self.existing(named, parameters.source("sslcert"))
        } else if let folder, FileManager.default.fileExists(atPath: folder + "/postgresql.crt") {
            certificate = folder + "/postgresql.crt"
        } else {
            return
        }
        let key: String
        if let named = parameters.value("sslkey") {
            key = try Self.existing(named, parameters.source("sslkey"))
        } else if let folder, FileManager.default.fileExists(atPath: folder + "/postgresql.key") {
            key = folder + "/postgresql.key"
        } else {
            throw StoreError.invalid(
                "the client certificate \(certificate) needs its private key: pass sslkey=/path/key.pem or PGSSLKEY")
        }
        try Self.checkPrivate(key)
        let chain = try Self.certificates(certificate, parameters.source("sslcert"))
        let privateKey: NIOSSLPrivateKey
        do {
            privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        } catch {
            throw StoreError.invalid(
                "cannot read the private key \(key): not an unencrypted PEM key"
                    + " (a key with a passphrase is not supported)"
            )
        }
        clientCertificate = certificate
        configuration.certificateChain = chain.map { .certificate($0) }
        configuration.privateKey = .privateKey(privateKey)
    }

    private static func existing(_ path: String, _ source: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.invalid("\(source) \(path) does not exist")
        }
        return path
    }

    /// The PEM certificates of `path`, at least one.
    static func certificates(_ path: String, _ source: String) throws -> [NIOSSLCertificate] {
        let certificates = try? NIOSSLCertificate.fromPEMFile(path)
        guard let certificates, !certificates.isEmpty else {
            throw StoreError.invalid("\(source) \(path) holds no PEM certificate")
        }
        return certificates
    }

    /// libpq refuses a private key that others can read: at most 0600, or 0640 when root owns it.
    private static func checkPrivate(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw StoreError.invalid("cannot read the private key \(path)") }
        let allowed: mode_t = info.st_uid == 0 ? 0o640 : 0o600
        guard info.st_mode & 0o777 & ~allowed == 0 else {
            throw StoreError.invalid(
                "the private key \(path) can be read or written by others"
                    + " (mode \(String(info.st_mode & 0o777, radix: 8)));"
                    + " chmod 600 it (0640 when root owns it), as libpq requires")
        }
    }
}

/// libpq's `sslmode`: whether the connection to a server over TCP is encrypted and what is verified.
///
/// Set by `?sslmode=` in the database URL or `PGSSLMODE`; the default is ``prefer``, as libpq's.
/// Over a Unix socket there is no TLS whatever the mode, as with libpq.
public enum SSLMode: String, Sendable, CaseIterable {
    /// Plaintext only.
    case disable
    /// Plaintext first; TLS only when the server refuses the plaintext connection (a `hostssl` line
    /// in its pg_hba.conf).
    case allow
    /// TLS when the server offers it, else plaintext; also plaintext when the TLS connection fails
    /// (its handshake, or the server refusing it). Nothing verified unless a root certificate file
    /// exists, as with ``require``.
    case prefer
    /// TLS or no connection. The certificate is not verified, unless a root certificate file exists
    /// (`sslrootcert`, or `~/.postgresql/root.crt`): then it is verified as with ``verifyCA``
    /// (libpq's legacy behaviour).
    case require
    /// TLS, and the server's certificate chain must lead to a root certificate of `sslrootcert`;
    /// the host name is not checked.
    case verifyCA = "verify-ca"
    /// TLS, the chain verified as with ``verifyCA``, and the certificate must be for the host name
    /// (or IP address) connected to.
    case verifyFull = "verify-full"

    /// The modes in libpq's order, for messages.
    static let names = allCases.map(\.rawValue).joined(separator: ", ")

    /// Whether the certificate chain is always verified (not only when a root certificate file exists).
    var verifiesChain: Bool { self == .verifyCA || self == .verifyFull }

    /// Whether a connection without TLS is refused.
    var requiresTLS: Bool { self == .require || verifiesChain }
}

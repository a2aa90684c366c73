import FirebreakCore
import Foundation
import NIOSSL

#if canImport(Glibc)
import Glibc
#endif

/// Why a server's certificate was refused, told from the chain it presented (leaf first) and the
/// root certificates it was checked against.
struct UntrustedCertificate {
    /// The presented chain, leaf first; empty when it could not be read.
    var chain: [NIOSSLCertificate]
    /// The roots of a file; empty for the system's store, whose certificates are not listed here.
    var roots: [NIOSSLCertificate]
    /// What the roots are, for messages: a path, or the system trust store.
    var rootsName: String
    var now: Date

    /// Why the chain did not verify (expired, not yet valid, an unknown CA), and what to do about it.
    var chainProblem: (reason: String, advice: String) {
        let newRoots = "pass sslrootcert=/path/ca.pem or PGSSLROOTCERT"
        for (index, certificate) in chain.enumerated() {
            let which = index == 0 ? "" : "its CA \(Self.name(certificate.subjectName)) "
            let notAfter = Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
            let notBefore = Date(timeIntervalSince1970: TimeInterval(certificate.notValidBefore))
            if now > notAfter {
                return ("\(which)expired on \(ISO8601Format.string(notAfter))", "the server needs a new certificate")
            }
            if now < notBefore {
                return (
                    "\(which)not valid until \(ISO8601Format.string(notBefore))",
                    "check this machine's clock, or the server's certificate"
                )
            }
        }
        guard let top = chain.last else { return ("unknown CA, or expired", newRoots) }
        let issuer = top.issuerName
        if roots.contains(where: { $0.subjectName == issuer }) {
            return (
                "it names \(Self.name(issuer)) of \(rootsName) as its CA, but does not verify against it",
                "is the file's CA certificate an older one under the same name?"
            )
        }
        if issuer == top.subjectName && chain.count == 1 {
            return ("unknown CA: it is self-signed (\(Self.name(issuer))), and \(rootsName) does not hold it", newRoots)
        }
        return ("unknown CA: issued by \(Self.name(issuer)), which \(rootsName) does not hold", newRoots)
    }

    /// The host names and IP addresses the leaf is for: its subject alternative names, else its common name.
    var names: [String] {
        guard let leaf = chain.first else { return [] }
        var names: [String] = []
        for name in leaf._subjectAlternativeNames() {
            switch name.nameType {
            case .dnsName: names.append(String(decoding: Array(name.contents), as: UTF8.self))
            case .ipAddress: names.append(Self.address(Array(name.contents)))
            default: continue
            }
        }
        if names.isEmpty, let common = leaf.subjectName.first(where: { $0.type == .commonName }) {
            names.append(common.value)
        }
        return names
    }

    /// Why the leaf is not for `host`.
    func nameReason(host: String) -> String {
        let held = names
        return held.isEmpty
            ? "hostname mismatch: it names no host, and \(host) was asked for"
            : "hostname mismatch: it is for \(held.joined(separator: ", ")), not \(host)"
    }

    /// An IP address of a subject alternative name (4 or 16 bytes) as text.
    static func address(_ bytes: [UInt8]) -> String {
        guard bytes.count == 16 else { return bytes.map(String.init).joined(separator: ".") }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        return bytes.withUnsafeBytes { raw in
            guard inet_ntop(AF_INET6, raw.baseAddress, &text, socklen_t(text.count)) != nil else { return "?" }
            return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// A distinguished name in short: its common name quoted, else all its parts.
    static func name(_ parts: [SSLCertificateName]) -> String {
        if let common = parts.first(where: { $0.type == .commonName }) { return "\"\(common.value)\"" }
        let labels: [SSLCertificateNameType: String] = [
            .organization: "O", .organizationalUnit: "OU", .country: "C", .state: "ST", .city: "L",
            .emailAddress: "emailAddress", .userId: "UID",
        ]
        let text = parts.map { "\(labels[$0.type] ?? "?")=\($0.value)" }.joined(separator: ", ")
        return text.isEmpty ? "(no name)" : "\"\(text)\""
    }
}

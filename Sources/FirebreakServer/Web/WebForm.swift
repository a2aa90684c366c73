import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A posted `application/x-www-form-urlencoded` form.
struct WebForm: Sendable {
    var fields: [String: String]

    /// The largest form the web app reads: its forms hold a token, a key and a CSRF token.
    static let limit = 64 * 1024

    init(fields: [String: String]) { self.fields = fields }

    /// Reads the form of `request`; a field given twice keeps its first value.
    static func read(_ request: Request) async throws -> WebForm {
        let buffer = try await request.body.collect(upTo: limit)
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Request.formDecoded(parts[0]),
                let value = Request.formDecoded(parts.count > 1 ? parts[1] : ""), !value.contains("\0")
            else {
                throw Problem(.malformed, status: .badRequest, detail: "the form could not be read")
            }
            if fields[name] == nil { fields[name] = value }
        }
        return WebForm(fields: fields)
    }

    subscript(_ name: String) -> String? { fields[name] }

    /// A field that must be there and not be empty.
    func required(_ name: String) throws -> String {
        guard let value = fields[name], !value.isEmpty else {
            throw Problem(.invalid, status: .unprocessableContent, detail: "the form lacks \(name)", field: name)
        }
        return value
    }
}

public import FirebreakCore

/// A file's text to import, with the name that is its identity (an outage report's `source`, the
/// file named in errors and in the audit log).
public struct ImportText: Sendable, Equatable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The text of a file's bytes: refused, naming the file (and the line of a NUL), when they are not
    /// UTF-8 or hold a NUL character, which no stored text can.
    public init(name: String, contents: some Collection<UInt8>) throws(ReportError) {
        guard let text = String(validating: contents, as: UTF8.self) else {
            throw ReportError(file: name, line: 1, reason: "the file is not UTF-8 text")
        }
        if let nul = text.firstIndex(of: "\0") {
            let line = text[..<nul].reduce(1) { $0 + ($1.isNewline ? 1 : 0) }
            throw ReportError(file: name, line: line, reason: "the file holds a NUL character, which text cannot")
        }
        self.init(name: name, text: text)
    }
}

public import FirebreakCore

/// A file's text to import, with the name that is its identity (an outage report's `source`, a Jira
/// export's name in the audit log) and the file as errors and warnings name it.
public struct ImportText: Sendable, Equatable {
    public var name: String
    public var text: String
    /// The file in `FILE:LINE` messages: the path a user gave (`postmortems/a.md`) when `name` is the
    /// path under the folder they imported (`a.md`). Default: `name`.
    public var file: String

    public init(name: String, text: String, file: String? = nil) {
        self.name = name
        self.text = text
        self.file = file ?? name
    }

    /// The text of a file's bytes: refused, naming the file (and the line of a NUL), when they are not
    /// UTF-8 or hold a NUL character, which no stored text can.
    public init(name: String, contents: some Collection<UInt8>, file: String? = nil) throws(ReportError) {
        let file = file ?? name
        guard let text = String(validating: contents, as: UTF8.self) else {
            throw ReportError(file: file, line: 1, reason: "the file is not UTF-8 text")
        }
        if let nul = text.firstIndex(of: "\0") {
            let line = text[..<nul].reduce(1) { $0 + ($1.isNewline ? 1 : 0) }
            throw ReportError(file: file, line: line, reason: "the file holds a NUL character, which text cannot")
        }
        self.init(name: name, text: text, file: file)
    }
}

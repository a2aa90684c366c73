public import FirebreakCore

/// One file of an import of several (`firebreak import`, the web app's import page), as the face holds
/// it. Its name says what it is: `.csv` a Jira export, `.md` an outage report
/// (``Operations/importFiles(_:team:dateFormat:dryRun:events:)`` decides, for every face).
public enum ImportFile: Sendable, Equatable {
    /// A file's text in memory (an upload): `name` is its identity, `file` names it in messages.
    case text(ImportText)
    /// A file's bytes in memory (a browser's upload), read as UTF-8 text when its turn comes: `name` is
    /// its identity and names it in messages.
    case upload(name: String, bytes: [UInt8])
    /// A file on disk, read when its turn comes (a Jira export a piece at a time): `path` as the user
    /// gave it, which names it in messages and, for a Jira export, in the audit log; `name` the
    /// identity of an outage report (its path under the folder it was found in).
    case disk(path: String, name: String)
    /// A file the face could not take (an upload that is not UTF-8 text, or that shares its name with
    /// another): nothing of it is imported, and the error says why.
    case refused(ReportError)

    /// The file as messages name it (`FILE:LINE: reason`), whose extension says what it is.
    public var file: String {
        switch self {
        case .text(let text): text.file
        case .upload(let name, _): name
        case .disk(let path, _): path
        case .refused(let error): error.file
        }
    }

    /// What a file is, by its name's extension (in any case).
    public enum Kind: Sendable, Equatable {
        /// `.csv`: Jira's own export.
        case jira
        /// `.md`: an outage report.
        case report
        /// Anything else: refused.
        case unsupported
    }

    public var kind: Kind {
        let lower = file.lowercased()
        if lower.hasSuffix(".csv") { return .jira }
        if lower.hasSuffix(".md") { return .report }
        return .unsupported
    }
}

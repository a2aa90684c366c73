/// A Jira CSV export to import: its text (a request's body, a browser's upload), or a file on disk,
/// which the local operations read a piece at a time so that memory stays flat however large it is
/// (DESIGN.md section 8), and the remote ones send as text.
public enum JiraExport: Sendable, Equatable {
    case text(ImportText)
    /// The file at `path`; `name` is its identity (the audit log's source) and names it in errors.
    case file(path: String, name: String)

    /// The export in errors and in the audit log.
    public var name: String {
        switch self {
        case .text(let text): text.name
        case .file(_, let name): name
        }
    }
}

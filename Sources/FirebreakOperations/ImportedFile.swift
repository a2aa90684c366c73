public import FirebreakCore

/// What importing one file of an import of several did, or would do (a dry run).
public enum ImportedFile: Sendable, Equatable {
    /// A Jira export, imported whole in its own transaction.
    case jira(JiraImportView)
    /// An outage report, imported with the import's other reports.
    case report(ReportImportView)
    /// Nothing of the file was written: `FILE:LINE: reason`.
    case failed(ReportError)
}

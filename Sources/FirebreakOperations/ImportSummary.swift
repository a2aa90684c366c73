public import FirebreakCore

/// What an import of several files did, or would do (a dry run), counted once for every face: the
/// CLI's last line, the web app's dry run and its summary after an import.
public struct ImportSummary: Sendable, Equatable {
    /// The incidents the reports created, updated and left as drafts (a draft is also created or
    /// updated), in the order of the reports.
    public var created: [String] = []
    public var updated: [String] = []
    public var drafts: [String] = []
    /// What each draft lacks (`date`, `outage time`, `severity`, `number of support tickets raised`), as
    /// `firebreak lint` names it, by the draft's incident key.
    public var missing: [String: [String]] = [:]
    /// The actions the reports created and updated.
    public var actionsCreated = 0
    public var actionsUpdated = 0
    /// The Jira exports imported, and what they did together.
    public var jiraFiles = 0
    public var jira = JiraImportView(created: 0, updated: 0, resolved: 0, skipped: 0)
    /// Files that could not be imported (nothing of each was written).
    public var failed = 0

    public init() {}

    /// Reports imported: created and updated.
    public var reports: Int { created.count + updated.count }

    public mutating func add(_ report: ReportImportView) {
        if report.created { created.append(report.incident) } else { updated.append(report.incident) }
        if report.status == .draft {
            drafts.append(report.incident)
            missing[report.incident] = report.missing
        }
        actionsCreated += report.actionsCreated
        actionsUpdated += report.actionsUpdated
    }

    /// Each draft and what it lacks, in the order of the reports: `PM2019-009 lacks outage time, severity;
    /// INC-12 lacks date`. A draft whose facts are not known (a summary read back from the web app's
    /// address, which carries only the keys) is named alone.
    public var draftsText: String {
        drafts.map { key in
            guard let facts = missing[key], !facts.isEmpty else { return key }
            return "\(key) lacks \(facts.joined(separator: ", "))"
        }
        .joined(separator: "; ")
    }

    public mutating func add(_ export: JiraImportView) {
        jiraFiles += 1
        jira.created += export.created
        jira.updated += export.updated
        jira.resolved += export.resolved
        jira.skipped += export.skipped
    }

    /// A file's outcome in an import of several (``Operations/importFiles(_:team:dateFormat:dryRun:events:)``).
    public mutating func add(_ file: ImportedFile) {
        switch file {
        case .report(let report): add(report)
        case .jira(let export): add(export)
        case .failed: failed += 1
        }
    }

    /// A report's result: what it did, or a failure.
    public mutating func add(_ result: Result<ReportImportView, ReportError>) {
        switch result {
        case .success(let report): add(report)
        case .failure: failed += 1
        }
    }
}

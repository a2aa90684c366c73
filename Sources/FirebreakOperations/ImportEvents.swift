public import FirebreakStore

/// What ``Operations/importFiles(_:team:dateFormat:dryRun:events:)`` tells its caller as it goes: for
/// progress lines, and for output in the order things happen. Each hears nothing by default.
public struct ImportEvents: Sendable {
    /// File `index`, of the kind its name says, is next: read (a report, imported later with the
    /// others) or imported (a Jira export).
    public var next: @Sendable (_ index: Int, _ kind: ImportFile.Kind) -> Void
    /// How far Jira export `index` is read (locally, a file on disk; through the service it hears nothing).
    public var jira: @Sendable (_ index: Int, _ position: JiraCSVFile.Position) -> Void
    /// Every file is looked at, and `count` reports (those read) are about to be imported together.
    public var importing: @Sendable (_ count: Int) -> Void
    /// How many of those reports are done (locally; through the service it hears nothing).
    public var reports: @Sendable (_ done: Int) -> Void
    /// File `index`'s outcome, as soon as it is known: the Jira exports and the files that cannot be
    /// read in the order given, then the reports in the order given.
    public var finished: @Sendable (_ index: Int, _ outcome: ImportedFile) -> Void

    public init(
        next: @escaping @Sendable (_ index: Int, _ kind: ImportFile.Kind) -> Void = { _, _ in },
        jira: @escaping @Sendable (_ index: Int, _ position: JiraCSVFile.Position) -> Void = { _, _ in },
        importing: @escaping @Sendable (_ count: Int) -> Void = { _ in },
        reports: @escaping @Sendable (_ done: Int) -> Void = { _ in },
        finished: @escaping @Sendable (_ index: Int, _ outcome: ImportedFile) -> Void = { _, _ in }
    ) {
        self.next = next
        self.jira = jira
        self.importing = importing
        self.reports = reports
        self.finished = finished
    }
}

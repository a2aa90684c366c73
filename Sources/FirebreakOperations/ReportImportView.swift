public import FirebreakCore
public import FirebreakStore

/// What importing one outage report did, or would do (`dryRun`).
public struct ReportImportView: Codable, Sendable, Equatable {
    public var incident: String
    public var created: Bool
    public var status: IncidentStatus
    public var actionsCreated: Int
    public var actionsUpdated: Int
    public var links: Int
    /// How the report found its incident: key, source, title-and-start or new.
    public var match: IncidentMatch
    public var dryRun: Bool
    /// `FILE:LINE: warning: ...` for what the report states that the import could not use.
    public var warnings: [String]
    /// What a draft lacks (`date`, `severity`, ...), as `firebreak lint` names it; empty when published.
    public var missing: [String]

    public init(_ outcome: ImportOutcome, dryRun: Bool) {
        incident = outcome.incident
        created = outcome.created
        status = outcome.status
        actionsCreated = outcome.actionsCreated
        actionsUpdated = outcome.actionsUpdated
        links = outcome.links
        match = outcome.match
        self.dryRun = dryRun
        warnings = outcome.warnings.map(\.description)
        missing = outcome.missing
    }
}

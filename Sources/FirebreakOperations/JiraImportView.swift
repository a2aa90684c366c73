public import FirebreakStore

/// What importing one Jira CSV export did, or would do (a dry run): the actions it created and
/// updated, those of them Jira had resolved (done or won't-fix), and the epics and sub-tasks it
/// skipped. The JSON of `POST /v1/imports/jira`.
public struct JiraImportView: Codable, Sendable, Equatable {
    public var created: Int
    public var updated: Int
    public var resolved: Int
    public var skipped: Int

    public init(created: Int, updated: Int, resolved: Int, skipped: Int) {
        self.created = created
        self.updated = updated
        self.resolved = resolved
        self.skipped = skipped
    }

    public init(_ outcome: JiraImportOutcome) {
        self.init(
            created: outcome.created, updated: outcome.updated, resolved: outcome.resolved, skipped: outcome.skipped)
    }
}

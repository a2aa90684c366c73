import Foundation

/// How `firebreak export jira-csv` writes its file.
public struct JiraCSVOptions: Sendable, Equatable {
    /// Epic rows to group the items: none, one per improvement sprint, or one per incident.
    public enum Epics: String, Sendable, CaseIterable {
        case none, sprint, incident
    }

    public var epics: Epics
    /// `Story Points` (company-managed projects, Data Center) or `Story point estimate` (team-managed).
    public var storyPointsField: String
    /// Also write the unplanned backlog (no plan sprint: only the sprints an item has from Jira).
    public var includeBacklog: Bool
    /// Write cells as they are, without neutralising formula-like cells.
    public var raw: Bool

    public init(
        epics: Epics = .none, storyPointsField: String = "Story Points", includeBacklog: Bool = false, raw: Bool = false
    ) {
        self.epics = epics
        self.storyPointsField = storyPointsField
        self.includeBacklog = includeBacklog
        self.raw = raw
    }
}

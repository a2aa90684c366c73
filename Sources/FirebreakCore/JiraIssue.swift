public import Foundation

/// One issue of a Jira CSV export, with its fields as Jira wrote them.
///
/// Text fields are kept raw (trimmed, except the description and comments); what Firebreak makes
/// of them is computed: `firebreakStatus`, `estimate`, `kind`, `incidentKeys`.
public struct JiraIssue: Sendable, Equatable {
    /// `Issue key`: `OPS-101`.
    public var key: String
    /// `Issue id`: Jira's number for the issue (`20101`), which `Parent id` refers to.
    public var id: String?
    public var summary: String
    /// `Issue Type`: `Task`, `Story`, `Epic`, `Sub-task`; empty when the export has no such column.
    public var issueType: String
    /// `Status` as the workflow names it: `To Do`, `In Progress`, `Done`, `Won't Do`.
    public var status: String
    /// `Resolution`: `Done`, `Fixed`, `Won't Do`; nil while unresolved.
    public var resolution: String?
    /// `Status Category` (Cloud exports): `To Do`, `In Progress`, `Done`.
    public var statusCategory: String?
    public var priority: String?
    /// `Assignee`: an email address (Cloud) or a user name (Server).
    public var assignee: String?
    /// `Created`, `Updated`, `Resolved`: the exporting user's local time, read as UTC.
    public var created: Date?
    public var updated: Date?
    public var resolved: Date?
    /// `Due date`: a day.
    public var due: CalendarDate?
    /// `Description`, with its line breaks as Jira wrote them (CRLF or LF); empty when there is none.
    public var description: String
    /// Every non-empty `Labels` cell, in column order.
    public var labels: [String]
    /// Every non-empty `Component/s` or `Components` cell, in column order.
    public var components: [String]
    /// Every non-empty `Sprint` cell, in column order: the sprints the issue has been in.
    public var sprints: [String]
    /// Every non-empty `Comment` cell (`date;account;body`), in column order.
    public var comments: [String]
    /// `Custom field (Story Points)`, else `Custom field (Story point estimate)`.
    public var storyPoints: Double?
    /// `Original Estimate`, in seconds.
    public var originalEstimateSeconds: Int?
    /// The key of the parent: `Parent key`, else the issue whose `Issue id` is `Parent id` or
    /// `Parent`, else `Custom field (Epic Link)`. Nil when the parent is not in the file.
    public var parentKey: String?
    /// `Custom field (Epic Name)`.
    public var epicName: String?
    /// The 1-based line of the file where the issue's record starts.
    public var line: Int

    /// An issue; every field not given is empty or nil.
    public init(
        key: String, id: String? = nil, summary: String, issueType: String = "", status: String = "",
        resolution: String? = nil, statusCategory: String? = nil, priority: String? = nil, assignee: String? = nil,
        created: Date? = nil, updated: Date? = nil, resolved: Date? = nil, due: CalendarDate? = nil,
        description: String = "", labels: [String] = [], components: [String] = [], sprints: [String] = [],
        comments: [String] = [], storyPoints: Double? = nil, originalEstimateSeconds: Int? = nil,
        parentKey: String? = nil, epicName: String? = nil, line: Int = 0
    ) {
        self.key = key
        self.id = id
        self.summary = summary
        self.issueType = issueType
        self.status = status
        self.resolution = resolution
        self.statusCategory = statusCategory
        self.priority = priority
        self.assignee = assignee
        self.created = created
        self.updated = updated
        self.resolved = resolved
        self.due = due
        self.description = description
        self.labels = labels
        self.components = components
        self.sprints = sprints
        self.comments = comments
        self.storyPoints = storyPoints
        self.originalEstimateSeconds = originalEstimateSeconds
        self.parentKey = parentKey
        self.epicName = epicName
        self.line = line
    }

    /// Seconds of work in one story point when only `Original Estimate` is given: six hours.
    public static let secondsPerPoint = 21_600

    /// Statuses and resolutions that close an issue without doing it (lower case, straight apostrophe).
    static let notDone: Set<String> = [
        "won't do", "won't fix", "wont do", "wont fix", "declined", "rejected", "duplicate", "cannot reproduce",
        "incomplete",
    ]
    /// Statuses of finished work (lower case).
    static let finished: Set<String> = ["done", "resolved", "closed"]

    public var isEpic: Bool { issueType.lowercased() == "epic" }

    /// `Sub-task` (Server), `Subtask` (Cloud), or a custom type with `sub-task` in its name.
    public var isSubtask: Bool {
        let type = issueType.lowercased()
        return type == "subtask" || type.contains("sub-task")
    }

    /// Where the issue stands for Firebreak.
    ///
    /// Won't-fix when the status or the resolution says the work will not be done (`Won't Do`,
    /// `Won't Fix`, `Declined`, `Rejected`, `Duplicate`, `Cannot Reproduce`, `Incomplete`); done
    /// when the status is `Done`, `Resolved` or `Closed`, or its category is `Done`; open
    /// otherwise. `In Progress` stays open: a claim in Firebreak names an engineer, and Jira's
    /// assignee is not one of the team's.
    public var firebreakStatus: ActionStatus {
        let status = Self.normalized(status)
        if Self.notDone.contains(status) || resolution.map({ Self.notDone.contains(Self.normalized($0)) }) == true {
            return .wontfix
        }
        if Self.finished.contains(status) || statusCategory.map(Self.normalized) == "done" { return .done }
        return .open
    }

    /// Story points, else `Original Estimate` at six hours a point, rounded to two decimals; nil
    /// when that rounds below the smallest estimate (the team's default estimate then applies).
    public var estimate: Double? {
        if let storyPoints { return storyPoints }
        guard let seconds = originalEstimateSeconds else { return nil }
        let points = (Double(seconds) / Double(Self.secondsPerPoint) * 100).rounded() / 100
        return points < ScoringBounds.estimate.lowerBound ? nil : points
    }

    /// The first label that names a kind of action (`monitoring` → detect), as Firebreak's export writes it.
    public var kind: ActionKind? { labels.lazy.compactMap { ActionKind(parsing: $0) }.first }

    /// The labels that are item keys (`INC-7`): the incidents Firebreak's export names.
    public var incidentKeys: [String] { labels.filter { ItemKey.isValid($0) } }

    private static func normalized(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
    }
}

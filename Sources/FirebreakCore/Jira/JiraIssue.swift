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
    /// Which of `Labels`, `Component/s` (or `Components`) and `Sprint` the export has: an import
    /// replaces only those, since an export without a `Sprint` column says nothing of sprints.
    public var listColumns: ListColumns
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
        listColumns: ListColumns = .all, comments: [String] = [], storyPoints: Double? = nil,
        originalEstimateSeconds: Int? = nil,
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
        self.listColumns = listColumns
        self.comments = comments
        self.storyPoints = storyPoints
        self.originalEstimateSeconds = originalEstimateSeconds
        self.parentKey = parentKey
        self.epicName = epicName
        self.line = line
    }

    /// Seconds of work in one story point when only `Original Estimate` is given: six hours.
    public static let secondsPerPoint = 21_600

    /// The multi-value columns of an export.
    public struct ListColumns: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let labels = ListColumns(rawValue: 1)
        public static let components = ListColumns(rawValue: 2)
        public static let sprints = ListColumns(rawValue: 4)
        public static let all: ListColumns = [.labels, .components, .sprints]
    }

    /// Parts of status and resolution names that close an issue without doing it (lower case,
    /// straight apostrophe): `Won't Do`, `Won't Fix`, `Cancelled`, `Canceled`, `Aborted`,
    /// `Rejected`, `Declined`, `Duplicate`, `Obsolete`, `Cannot Reproduce`, `Incomplete`.
    static let notDone = [
        "won't", "wont ", "cancel", "abort", "reject", "declin", "duplicate", "obsolete", "cannot reproduce",
        "can't reproduce", "incomplete", "not a bug",
    ]
    /// Statuses of finished work (lower case).
    static let finished: Set<String> = ["done", "fixed", "resolved", "closed", "complete", "completed"]
    /// What exports write in `Resolution` for an issue that has none.
    static let unresolved: Set<String> = ["", "unresolved", "none"]

    public var isEpic: Bool { issueType.lowercased() == "epic" }

    /// `Sub-task` (Server), `Subtask` (Cloud), or a custom type with `sub-task` in its name.
    public var isSubtask: Bool {
        let type = issueType.lowercased()
        return type == "subtask" || type.contains("sub-task")
    }

    /// Where the issue stands for Firebreak.
    ///
    /// A resolution decides when there is one (`Unresolved` is none): Jira sets it when it closes
    /// an issue. `Won't Do`, `Cancelled`, `Duplicate`, `Rejected`, `Aborted` and the like in the
    /// resolution or the status make it won't-fix, even with the status category `Done` (Jira's
    /// simplified workflows set the resolution `Done` for every closing status); any other
    /// resolution (`Done`, `Fixed`) makes it done. Without one: done when the status is `Done`,
    /// `Fixed`, `Resolved`, `Closed` or `Complete(d)`, or its category is `Done`; open otherwise. A
    /// won't-fix-like status counts only where the category does not say the issue is still open
    /// (`To Do`, `In Progress`: a "Rejected" review step sends work back). `In Progress` stays
    /// open: a claim in Firebreak names an engineer, and Jira's assignee is not one of the team's.
    public var firebreakStatus: ActionStatus {
        let status = Self.normalized(status)
        let category = statusCategory.map(Self.normalized)
        let resolution = Self.normalized(resolution ?? "")
        let stillOpen = category == "to do" || category == "in progress"
        let statusNotDone = !stillOpen && Self.isNotDone(status)
        if !Self.unresolved.contains(resolution) {
            return Self.isNotDone(resolution) || statusNotDone ? .wontfix : .done
        }
        if statusNotDone { return .wontfix }
        if Self.finished.contains(status) || category == "done" { return .done }
        return .open
    }

    static func isNotDone(_ name: String) -> Bool {
        let name = name + " "
        return notDone.contains { name.utf8Contains($0) && name.contains($0) }
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
        let lower = text.trimmingWhitespace().lowercased()
        return lower.unicodeScalars.contains("\u{2019}") ? lower.replacingOccurrences(of: "\u{2019}", with: "'") : lower
    }
}

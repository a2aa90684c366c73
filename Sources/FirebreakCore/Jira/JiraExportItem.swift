import Foundation

/// One item of the plan, with what its Jira row needs.
public struct JiraExportItem: Sendable, Equatable {
    public struct Incident: Sendable, Equatable {
        public var key: String
        public var title: String
        public var outageMinutes: Int?
        public var tickets: Int?
        public var coverage: Double

        public init(key: String, title: String, outageMinutes: Int?, tickets: Int?, coverage: Double) {
            self.key = key
            self.title = title
            self.outageMinutes = outageMinutes
            self.tickets = tickets
            self.coverage = coverage
        }
    }

    public var key: String
    public var title: String
    public var description: String
    public var kind: ActionKind
    public var category: String?
    public var estimate: Double?
    public var effort: Double
    public var value: Double
    public var priority: Double
    public var rank: Int
    /// The sprint's name, nil for the unplanned backlog.
    public var sprint: String?
    public var sprintNumber: Int?
    public var improvementSprint: Bool
    public var assigneeEmail: String?
    public var due: CalendarDate?
    public var incidents: [Incident]
    /// The affected functionality of the linked incidents.
    public var components: [String]
    /// The Jira issue key (the action's external key): Jira updates that issue instead of
    /// creating one. Nil for an item that is not in Jira yet.
    public var externalKey: String?
    /// The action's own labels, components and sprints, as a Jira import stored them.
    public var jiraLabels: [String]
    public var jiraComponents: [String]
    public var jiraSprints: [String]

    public init(
        key: String, title: String, description: String, kind: ActionKind, category: String?, estimate: Double?,
        effort: Double, value: Double, priority: Double, rank: Int, sprint: String?, sprintNumber: Int?,
        improvementSprint: Bool, assigneeEmail: String?, due: CalendarDate?, incidents: [Incident],
        components: [String],
        externalKey: String? = nil, jiraLabels: [String] = [], jiraComponents: [String] = [],
        jiraSprints: [String] = []
    ) {
        self.key = key
        self.title = title
        self.description = description
        self.kind = kind
        self.category = category
        self.estimate = estimate
        self.effort = effort
        self.value = value
        self.priority = priority
        self.rank = rank
        self.sprint = sprint
        self.sprintNumber = sprintNumber
        self.improvementSprint = improvementSprint
        self.assigneeEmail = assigneeEmail
        self.due = due
        self.incidents = incidents
        self.components = components
        self.externalKey = externalKey
        self.jiraLabels = jiraLabels
        self.jiraComponents = jiraComponents
        self.jiraSprints = jiraSprints
    }
}

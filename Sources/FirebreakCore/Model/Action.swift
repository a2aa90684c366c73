/// A preventative action as stored: a backlog item with its links to incidents.
public struct Action: Sendable, Codable, Equatable {
    public var key: String
    public var title: String
    public var description: String
    public var kind: ActionKind
    public var category: String?
    /// Story points; nil when not estimated yet.
    public var estimate: Double?
    public var status: ActionStatus
    public var claimedBy: String?
    public var owner: String?
    public var due: CalendarDate?
    /// The Jira issue key, once the item exists in Jira.
    public var externalKey: String?
    public var team: String
    public var dependsOn: [String]
    public var links: [Link]
    /// Jira's labels, components (names as Jira writes them) and sprints (oldest first), as a Jira
    /// import brought them; empty for an item that never came from Jira.
    public var labels: [String]
    public var components: [String]
    public var sprints: [String]

    /// One action ↔ incident link.
    public struct Link: Sendable, Codable, Equatable {
        public var incident: String
        /// How much of the incident the action would have prevented, in (0, 1].
        public var coverage: Double

        public init(incident: String, coverage: Double = 1) {
            self.incident = incident
            self.coverage = coverage
        }
    }

    public init(
        key: String, title: String, description: String = "", kind: ActionKind = .prevent, category: String? = nil,
        estimate: Double? = nil, status: ActionStatus = .open, claimedBy: String? = nil, owner: String? = nil,
        due: CalendarDate? = nil, externalKey: String? = nil, team: String, dependsOn: [String] = [],
        links: [Link] = [], labels: [String] = [], components: [String] = [], sprints: [String] = []
    ) {
        self.key = key
        self.title = title
        self.description = description
        self.kind = kind
        self.category = category
        self.estimate = estimate
        self.status = status
        self.claimedBy = claimedBy
        self.owner = owner
        self.due = due
        self.externalKey = externalKey
        self.team = team
        self.dependsOn = dependsOn
        self.links = links
        self.labels = labels
        self.components = components
        self.sprints = sprints
    }
}

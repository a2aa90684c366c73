/// One bullet or table row of a report's actions section.
public struct ReportedAction: Sendable, Equatable {
    /// The action's key when the report names it (`ACT-12`, `OPS-101`).
    public var key: String?
    /// Nil for a bullet that only links an existing action by its key.
    public var title: String?
    /// Nil when the report does not say; a new action is then a `prevent`.
    public var kind: ActionKind?
    public var description: String
    public var estimate: Double?
    /// How much of this incident the action would have prevented, in (0, 1]; nil means 1.
    public var coverage: Double?
    public var due: CalendarDate?
    /// The Jira issue key, once one exists.
    public var jira: String?
    public var owner: String?
    public var dependsOn: [String]
    /// True when the report lists it as already done (a "Completed" sub-heading).
    public var completed: Bool
    /// The line of the report it was read from (1-based).
    public var line: Int

    public init(
        key: String? = nil, title: String? = nil, kind: ActionKind? = nil, description: String = "",
        estimate: Double? = nil, coverage: Double? = nil, due: CalendarDate? = nil, jira: String? = nil,
        owner: String? = nil, dependsOn: [String] = [], completed: Bool = false, line: Int = 0
    ) {
        self.key = key
        self.title = title
        self.kind = kind
        self.description = description
        self.estimate = estimate
        self.coverage = coverage
        self.due = due
        self.jira = jira
        self.owner = owner
        self.dependsOn = dependsOn
        self.completed = completed
        self.line = line
    }

    /// A bullet that is only a key (with optional attributes) links an existing action.
    public var isLinkOnly: Bool { title == nil }
}

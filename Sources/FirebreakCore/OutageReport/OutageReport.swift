public import Foundation

/// One outage report in the seed's fixed format (DESIGN.md section 3), as read
/// from Markdown or as stored.
public struct OutageReport: Sendable, Equatable {
    /// The report's own key (`INC-7`, `PM2021-006`); nil when one must be assigned.
    public var key: String?
    public var title: String
    /// The one-line description.
    public var description: String
    public var startedAt: Date?
    public var outageMinutes: Int?
    public var severity: Severity?
    public var detectedBy: DetectionSource
    /// Number of support tickets raised.
    public var tickets: Int?
    /// Affected functionality: component names, in the report's order.
    public var components: [String]
    /// Weakness category keys, in the report's order.
    public var categories: [String]
    /// The owning team's key; nil lets the importer choose.
    public var team: String?
    public var explanation: String
    public var investigations: String
    public var actions: [ReportedAction]
    /// The line each field was read from, for errors found after parsing (an unknown team or category).
    public var fieldLines: [Field: Int]
    /// A severity the report states on no named scale ("Critical"): the team's alias table may map it.
    public var severityText: String?
    /// What was read but not used: an unknown field, a severity on no scale. The import goes on.
    public var warnings: [ReportWarning] = []

    /// The fields whose line numbers are kept.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case title, date, outageTime, severity, detectedBy, tickets, components, categories, team
    }

    public init(
        key: String? = nil, title: String, description: String = "", startedAt: Date? = nil,
        outageMinutes: Int? = nil, severity: Severity? = nil, detectedBy: DetectionSource = .unknown,
        tickets: Int? = nil, components: [String] = [], categories: [String] = [], team: String? = nil,
        explanation: String = "", investigations: String = "", actions: [ReportedAction] = [],
        fieldLines: [Field: Int] = [:]
    ) {
        self.key = key
        self.title = title
        self.description = description
        self.startedAt = startedAt
        self.outageMinutes = outageMinutes
        self.severity = severity
        self.detectedBy = detectedBy
        self.tickets = tickets
        self.components = components
        self.categories = categories
        self.team = team
        self.explanation = explanation
        self.investigations = investigations
        self.actions = actions
        self.fieldLines = fieldLines
    }

    /// The fields a manager must still fill in, in the report's order; empty for a complete report.
    public var missingFields: [String] {
        var missing: [String] = []
        if startedAt == nil { missing.append("date") }
        if outageMinutes == nil { missing.append("outage time") }
        if severity == nil { missing.append("severity") }
        if tickets == nil { missing.append("number of support tickets raised") }
        return missing
    }

    /// Draft until every number that scoring needs is stated; a number is never guessed.
    public var status: IncidentStatus { missingFields.isEmpty ? .published : .draft }
}

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

/// Something a report states that the import could not use, with where it is.
public struct ReportWarning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: warning: message`, as compilers print it.
    public var description: String { "\(file):\(line): warning: \(message)" }
}

/// Why a file (a report, the config file) could not be read: the file, the 1-based line, and what is
/// wrong there.
public struct ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `FILE:LINE: reason`, as compilers print it.
    public var description: String { "\(file):\(line): \(reason)" }
}

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

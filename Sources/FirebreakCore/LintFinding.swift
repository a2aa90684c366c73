/// One gap a manager must close, found by `firebreak lint`.
public struct LintFinding: Sendable, Codable, Equatable {
    /// Stable code: `draft`, and more as the checks grow.
    public var code: String
    /// The incident or action it is about.
    public var key: String
    public var message: String

    public init(code: String, key: String, message: String) {
        self.code = code
        self.key = key
        self.message = message
    }
}

/// The checks of `firebreak lint`, as pure functions of what is stored.
public enum LintRules {
    /// Draft incidents and the fields they miss.
    public static func drafts(_ incidents: [IncidentSummary]) -> [LintFinding] {
        incidents.filter { $0.status == .draft }.map {
            LintFinding(
                code: "draft", key: $0.key, message: "draft: missing \($0.missingFields.joined(separator: ", "))")
        }
    }
}

extension IncidentSummary {
    /// The fields the report still lacks, as `OutageReport.missingFields` names them.
    public var missingFields: [String] {
        OutageReport(
            title: title, startedAt: startedAt, outageMinutes: outageMinutes, severity: severity, tickets: tickets
        ).missingFields
    }
}

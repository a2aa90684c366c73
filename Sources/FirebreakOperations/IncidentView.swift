public import FirebreakCore
public import Foundation

/// An incident as both faces show it (`incident show --format json`, `GET /v1/incidents/{key}`): the
/// report's fields, its status and what it still lacks, and its actions. Severity is its number, 1 to 4,
/// as everywhere in Firebreak's JSON.
public struct IncidentView: Codable, Sendable, Equatable {
    /// One action as the report lists it, before or after it is a stored action.
    public struct LinkedAction: Codable, Sendable, Equatable {
        public var key: String?
        public var title: String?
        public var kind: ActionKind?
        public var coverage: Double?
        public var estimate: Double?
        public var completed: Bool
    }

    public var key: String
    public var title: String
    public var team: String?
    public var description: String
    public var startedAt: Date?
    public var outageMinutes: Int?
    public var severity: Severity?
    public var detectedBy: DetectionSource
    public var tickets: Int?
    public var components: [String]
    public var categories: [String]
    public var explanation: String
    public var investigations: String
    public var actions: [LinkedAction]
    /// `published` once the report states every number scoring needs.
    public var status: IncidentStatus
    /// The fields a draft still lacks, in the report's words.
    public var missing: [String]

    public init(_ key: String, _ r: OutageReport) {
        self.key = key
        title = r.title
        team = r.team
        description = r.description
        startedAt = r.startedAt
        outageMinutes = r.outageMinutes
        severity = r.severity
        detectedBy = r.detectedBy
        tickets = r.tickets
        components = r.components
        categories = r.categories
        explanation = r.explanation
        investigations = r.investigations
        status = r.status
        missing = r.missingFields
        actions = r.actions.map {
            LinkedAction(
                key: $0.key, title: $0.title, kind: $0.kind, coverage: $0.coverage, estimate: $0.estimate,
                completed: $0.completed)
        }
    }
}

public import Foundation

/// An incident as stored, as its listing shows it: one line of `incident list`.
public struct Incident: Sendable, Codable, Equatable {
    public var key: String
    public var title: String
    public var team: String
    public var startedAt: Date?
    public var outageMinutes: Int?
    public var severity: Severity?
    public var detectedBy: DetectionSource
    public var tickets: Int?
    public var status: IncidentStatus
    public var actions: Int

    public init(
        key: String, title: String, team: String, startedAt: Date?, outageMinutes: Int?, severity: Severity?,
        detectedBy: DetectionSource, tickets: Int?, status: IncidentStatus, actions: Int
    ) {
        self.key = key
        self.title = title
        self.team = team
        self.startedAt = startedAt
        self.outageMinutes = outageMinutes
        self.severity = severity
        self.detectedBy = detectedBy
        self.tickets = tickets
        self.status = status
        self.actions = actions
    }
}

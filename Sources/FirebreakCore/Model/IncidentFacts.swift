public import Foundation

/// What scoring needs to know of one incident.
public struct IncidentFacts: Sendable, Equatable, Codable {
    public var key: String
    public var startedAt: Date?
    public var outageMinutes: Int?
    public var severity: Severity?
    public var detectedBy: DetectionSource
    public var tickets: Int?
    public var categories: [String]

    public init(
        key: String, startedAt: Date?, outageMinutes: Int?, severity: Severity?, detectedBy: DetectionSource,
        tickets: Int?, categories: [String] = []
    ) {
        self.key = key
        self.startedAt = startedAt
        self.outageMinutes = outageMinutes
        self.severity = severity
        self.detectedBy = detectedBy
        self.tickets = tickets
        self.categories = categories
    }
}

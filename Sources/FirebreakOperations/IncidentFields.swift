public import FirebreakCore
public import FirebreakStore
public import Foundation

/// The body of `PATCH /v1/incidents/{key}`: the fields given (null or absent leaves a field as it
/// is) and `clear`, the numbers to remove. The service decodes it and ``RemoteOperations`` encodes
/// it, so the two agree on one shape.
public struct IncidentFields: Codable, Sendable, Equatable {
    public var title: String?
    public var description: String?
    /// RFC 3339 (ISO 8601) instant; also the report's `YYYY-MM-DD HH:MM` notation.
    public var startedAt: Date?
    public var outageMinutes: Int?
    public var tickets: Int?
    public var severity: Int?
    public var detectedBy: DetectionSource?
    public var status: IncidentStatus?
    /// Numbers to remove: `startedAt`, `outageMinutes`, `severity`, `tickets`.
    public var clear: [String]?

    /// The keys a body may hold; any other is refused.
    public static let keys: Set<String> = [
        "title", "description", "startedAt", "outageMinutes", "tickets", "severity", "detectedBy", "status", "clear",
    ]

    /// The body that asks for `changes`.
    public init(_ changes: IncidentStore.Changes) {
        title = changes.title
        description = changes.description
        startedAt = changes.startedAt
        outageMinutes = changes.outageMinutes
        tickets = changes.tickets
        severity = changes.severity?.rawValue
        detectedBy = changes.detectedBy
        status = changes.status
        clear =
            changes.clear.isEmpty ? nil : IncidentStore.Field.allCases.filter(changes.clear.contains).map(\.rawValue)
    }

    /// The store's change; the store checks its values (`IncidentStore.Changes.problems`), as for the CLI.
    public func changes() throws -> IncidentStore.Changes {
        var c = IncidentStore.Changes()
        c.title = title
        c.description = description
        c.startedAt = startedAt
        c.outageMinutes = outageMinutes
        c.tickets = tickets
        if let severity {
            guard let level = Severity(rawValue: severity) else {
                throw StoreError.invalid("severity must be 1 to 4", field: "severity")
            }
            c.severity = level
        }
        c.detectedBy = detectedBy
        c.status = status
        for name in clear ?? [] {
            guard let field = IncidentStore.Field(rawValue: name) else {
                throw StoreError.invalid(
                    "clear names startedAt, outageMinutes, severity or tickets, not \"\(name)\"", field: "clear")
            }
            c.clear.insert(field)
        }
        return c
    }
}

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
    /// A level, `1` to `4`, or a name: `SEV2`, `P1`, `2` or one of the incident's team's severity aliases.
    public var severity: SeverityValue?
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
        severity = changes.severity.map { .level($0.rawValue) }
        detectedBy = changes.detectedBy
        status = changes.status
        clear =
            changes.clear.isEmpty ? nil : IncidentStore.Field.allCases.filter(changes.clear.contains).map(\.rawValue)
    }

    /// The severity name that only a team's alias table can read (`Critical`): nil when the severity
    /// is absent, a level or on a named scale (`SEV2`, `P2`, `2`).
    public var severityAlias: String? {
        guard case .name(let text) = severity, Severity(parsing: text) == nil else { return nil }
        return text
    }

    /// The store's change; the store checks its values (`IncidentStore.Changes.problems`), as for the CLI.
    /// A severity name is read as ``Team/severity(named:)`` reads it, with the alias table of `team`, the
    /// incident's (nil: a team without aliases); one that neither knows is a `StoreError.invalid` on
    /// field `severity`: `"Critical" is not one of SEV1..SEV4, P1..P4 or 1..4, nor a severity alias of
    /// team CORE (it has none)`.
    public func changes(team: Team? = nil) throws -> IncidentStore.Changes {
        var c = IncidentStore.Changes()
        c.title = title
        c.description = description
        c.startedAt = startedAt
        c.outageMinutes = outageMinutes
        c.tickets = tickets
        switch severity {
        case nil: break
        case .level(let number):
            guard let level = Severity(rawValue: number) else {
                throw StoreError.invalid("severity must be 1 to 4", field: "severity")
            }
            c.severity = level
        case .name(let text):
            guard let level = Team.severity(named: text, aliases: team?.severityAliases ?? [:]) else {
                let aliases = team?.severityAliasList ?? []
                let table =
                    team.map { "team \($0.key) (\(aliases.isEmpty ? "it has none" : aliases.joined(separator: ", ")))" }
                    ?? "the incident's team (it has none)"
                throw StoreError.invalid(
                    "\"\(text)\" is not one of SEV1..SEV4, P1..P4 or 1..4, nor a severity alias of \(table)",
                    field: "severity")
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

extension IncidentFields {
    /// A severity as a body gives it: a number (`2`, read as the level) or a string (`"SEV2"`, `"P2"`,
    /// `"2"`, or an alias of the incident's team such as `"Critical"`), as `incident set --severity` takes it.
    public enum SeverityValue: Codable, Sendable, Equatable {
        case level(Int)
        case name(String)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .level(number)
            } else if let text = try? container.decode(String.self) {
                self = .name(text)
            } else {
                throw DecodingError.typeMismatch(
                    SeverityValue.self,
                    DecodingError.Context(
                        codingPath: decoder.codingPath,
                        debugDescription: "severity is a number, 1 to 4, or a name such as SEV2, P2 or a team's alias"))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .level(let number): try container.encode(number)
            case .name(let text): try container.encode(text)
            }
        }
    }
}

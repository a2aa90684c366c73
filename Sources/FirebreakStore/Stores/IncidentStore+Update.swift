public import FirebreakCore
public import Foundation
import Logging
import PostgresNIO

extension IncidentStore {
    /// A field of an incident that an update may change, named as the API names it.
    public enum Field: String, Sendable, Hashable, CaseIterable, Codable {
        case title, description, startedAt, outageMinutes, severity, detectedBy, tickets, status

        /// The numbers scoring needs (DESIGN.md section 4): only a draft may lack one, and only these
        /// may be cleared.
        public static let scoring: [Field] = [.startedAt, .outageMinutes, .severity, .tickets]

        /// The field as reports and `firebreak lint` name it (``OutageReport/missingFields``).
        public var reportName: String {
            switch self {
            case .title: "title"
            case .description: "description"
            case .startedAt: "date"
            case .outageMinutes: "outage time"
            case .severity: "severity"
            case .detectedBy: "detected by"
            case .tickets: "number of support tickets raised"
            case .status: "status"
            }
        }
    }

    /// What an incident's update may change; nil leaves a field as it is.
    public struct Changes: Sendable, Equatable {
        public var title: String?
        public var description: String?
        /// When the outage started.
        public var startedAt: Date?
        public var outageMinutes: Int?
        public var tickets: Int?
        public var severity: Severity?
        public var detectedBy: DetectionSource?
        /// Nil: published when the incident then states every number scoring needs, else a draft.
        /// `draft` lets a change clear a number of a published incident; `published` is refused
        /// while a number is missing.
        public var status: IncidentStatus?
        /// Numbers to remove (of ``Field/scoring``): a draft may lack them, a published incident may not.
        public var clear: Set<Field> = []

        public init() {}

        /// The fields this change gives a value to or clears.
        public var fields: Set<Field> { valued.union(clear) }

        /// The fields this change gives a value to.
        var valued: Set<Field> {
            var given: Set<Field> = []
            if title != nil { given.insert(.title) }
            if description != nil { given.insert(.description) }
            if startedAt != nil { given.insert(.startedAt) }
            if outageMinutes != nil { given.insert(.outageMinutes) }
            if tickets != nil { given.insert(.tickets) }
            if severity != nil { given.insert(.severity) }
            if detectedBy != nil { given.insert(.detectedBy) }
            if status != nil { given.insert(.status) }
            return given
        }

        /// Every value that breaks a rule, each error naming its field (``StoreError/field``), in
        /// the order of ``Field``; empty when the change may be tried. The CLI checks its flags with
        /// this and the store checks every update, so both answer alike.
        public func problems() -> [StoreError] {
            var found: [StoreError] = []
            func bad(_ field: Field, _ message: String) {
                found.append(StoreError(.invalid, message, field: field.rawValue))
            }
            if let title {
                if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { bad(.title, "title is empty") }
                if title.unicodeScalars.count > Self.maxTitleLength {
                    bad(.title, "title is longer than \(Self.maxTitleLength) characters")
                }
                if title.contains("\0") { bad(.title, "title holds a NUL character") }
            }
            if let description, description.contains("\0") { bad(.description, "description holds a NUL character") }
            if let startedAt, !Self.startRange.contains(startedAt.timeIntervalSince1970) {
                bad(.startedAt, "startedAt must be in the years 1 to 9999")
            }
            if let outageMinutes, !(0...ReportDate.maxMinutes).contains(outageMinutes) {
                bad(
                    .outageMinutes, "outageMinutes must be 0 to \(ReportDate.maxMinutes) minutes (got \(outageMinutes))"
                )
            }
            if let tickets, !(0...Self.maxTickets).contains(tickets) {
                bad(.tickets, "tickets must be 0 to \(Self.maxTickets) (got \(tickets))")
            }
            for field in Field.allCases where clear.contains(field) {
                if !Field.scoring.contains(field) {
                    bad(
                        field,
                        "\(field.rawValue) cannot be cleared; only startedAt, outageMinutes, severity and tickets can")
                } else if valued.contains(field) {
                    bad(field, "\(field.rawValue) is both set and cleared")
                }
            }
            return found
        }

        /// The longest title, in Unicode scalars (PostgreSQL's `length`); the schema's limit.
        public static let maxTitleLength = 500
        /// The most tickets one incident may have raised: what the schema's integer holds.
        public static let maxTickets = Int(Int32.max)
        /// From 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, in seconds since 1970: the instants
        /// that ISO 8601 writes with four-digit years.
        static let startRange: ClosedRange<Double> = -62_135_596_800...253_402_300_799
    }

    /// A field's value before or after a change, as the audit stores it: `null`, a string
    /// (`SEV2`, an ISO 8601 instant, a status) or a whole number (minutes, tickets).
    public enum FieldValue: Sendable, Equatable, Encodable, CustomStringConvertible {
        case none
        case text(String)
        case number(Int)

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .none: try container.encodeNil()
            case .text(let text): try container.encode(text)
            case .number(let number): try container.encode(number)
            }
        }

        public var description: String {
            switch self {
            case .none: "none"
            case .text(let text): text
            case .number(let number): String(number)
            }
        }
    }

    /// One field an update changed.
    public struct FieldChange: Sendable, Equatable, Encodable {
        public var field: Field
        public var before: FieldValue
        public var after: FieldValue
    }

    /// What an update did.
    public struct UpdateOutcome: Sendable, Equatable {
        public var key: String
        /// The incident's version after the update (unchanged when nothing changed).
        public var version: Int
        /// The fields whose value changed, in the order of ``Field``; empty when nothing did.
        public var changes: [FieldChange]
        public var status: IncidentStatus
        /// What a manager must still fill in (``OutageReport/missingFields``); empty once published.
        public var missing: [String]
    }

    /// Changes incident `key` in one transaction; with `expectedVersion`, only if it is still at
    /// that version (else a `.stale` error). A draft that then states every number scoring needs is
    /// published; a change that would leave a published incident without one is refused, naming
    /// the field. The audit entry (`incident.set`) holds the before and after value of every field
    /// that changed, the status included; a change that changes nothing writes nothing.
    @discardableResult
    public func update(
        _ key: String, changes c: Changes, expectedVersion: Int? = nil, actor: String
    ) async throws -> UpdateOutcome {
        if let problem = c.problems().first { throw problem }
        let logger = database.logger
        return try await database.transaction { connection in
            let version = try await RowVersion.incident.lock(
                key, expected: expectedVersion, on: connection, logger: logger)
            let before = try await StoredIncident.read(key, on: connection, logger: logger)
            var after = before.applying(c)
            after.status = try Self.status(of: after, before: before, changes: c, key: key)
            let changes = Field.allCases.compactMap { field -> FieldChange? in
                let (old, new) = (before.value(of: field), after.value(of: field))
                return old == new ? nil : FieldChange(field: field, before: old, after: new)
            }
            let missing = after.report.missingFields
            guard !changes.isEmpty else {
                return UpdateOutcome(key: key, version: version, changes: [], status: after.status, missing: missing)
            }
            let rows = try await connection.query(
                """
                UPDATE incidents SET title = \(after.title), description = \(after.description),
                    started_at = \(after.startedAt), outage_minutes = \(after.outageMinutes),
                    severity = \(after.severity?.rawValue), detected_by = \(after.detectedBy.rawValue),
                    tickets = \(after.tickets), status = \(after.status.rawValue),
                    version = version + 1, updated_at = now()
                WHERE key = \(key) RETURNING team_id
                """, logger: logger)
            var teamID: Int?
            for try await id in rows.decode(Int.self) { teamID = id }
            let details = Dictionary(uniqueKeysWithValues: changes.map { ($0.field.rawValue, AuditedChange($0)) })
            try await AuditLog.record(
                actor: actor, verb: "incident.set", subject: key, teamID: teamID, encoding: details, on: connection,
                logger: logger)
            return UpdateOutcome(
                key: key, version: version + 1, changes: changes, status: after.status, missing: missing)
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// The status `after` is stored with: published exactly when it states every number scoring needs.
    /// Refuses an explicit status that says otherwise, and the clearing of a number of a published
    /// incident unless the change also says `draft`.
    static func status(
        of after: StoredIncident, before: StoredIncident, changes c: Changes, key: String
    ) throws -> IncidentStatus {
        let missing = after.report.missingFields
        switch c.status {
        case .published? where !missing.isEmpty:
            throw StoreError(
                .invalid,
                "status: \(key) cannot be published without its \(Self.list(missing)); set them first",
                field: Field.status.rawValue)
        case .draft? where missing.isEmpty:
            throw StoreError(
                .invalid,
                "status: \(key) states every number scoring needs, so it is published; clear one of them to make it a draft",
                field: Field.status.rawValue)
        case nil where before.status == .published && !missing.isEmpty:
            let field = Field.scoring.first { after.value(of: $0) == .none } ?? .status
            throw StoreError(
                .invalid,
                "\(field.rawValue): \(key) is published, and a published incident states its \(field.reportName); "
                    + "give a value instead of clearing it, or make it a draft (status draft) with the same change",
                field: field.rawValue)
        default:
            return missing.isEmpty ? .published : .draft
        }
    }
}

/// A change's values as the audit entry's details hold them: `{"severity": {"before": null, "after": "SEV2"}}`.
private struct AuditedChange: Encodable {
    var before: IncidentStore.FieldValue
    var after: IncidentStore.FieldValue

    init(_ change: IncidentStore.FieldChange) {
        before = change.before
        after = change.after
    }
}

/// The fields of a stored incident that an update reads and writes.
struct StoredIncident: Equatable {
    var title: String
    var description: String
    var startedAt: Date?
    var outageMinutes: Int?
    var severity: Severity?
    var detectedBy: DetectionSource
    var tickets: Int?
    var status: IncidentStatus

    /// Incident `key` as stored; an unknown stored code is an error, not a guess.
    static func read(_ key: String, on connection: PostgresConnection, logger: Logger) async throws -> StoredIncident {
        let rows = try await connection.query(
            """
            SELECT title, description, started_at, outage_minutes, severity::int, detected_by, tickets, status
            FROM incidents WHERE key = \(key)
            """, logger: logger)
        for try await r in rows.decode((String, String, Date?, Int?, Int?, String, Int?, String).self) {
            guard let detectedBy = DetectionSource(rawValue: r.5), let status = IncidentStatus(rawValue: r.7),
                r.4.map({ Severity(rawValue: $0) != nil }) ?? true
            else {
                throw StoreError.invalid("incident \(key) has a stored value Firebreak does not know: \(r)")
            }
            return StoredIncident(
                title: r.0, description: r.1, startedAt: r.2, outageMinutes: r.3,
                severity: r.4.flatMap(Severity.init(rawValue:)), detectedBy: detectedBy, tickets: r.6, status: status)
        }
        throw StoreError.notFound("no incident \(key)")
    }

    /// These fields with `c`'s values and clearings; the status is left to the caller.
    func applying(_ c: IncidentStore.Changes) -> StoredIncident {
        var next = self
        if let title = c.title { next.title = title }
        if let description = c.description { next.description = description }
        if let startedAt = c.startedAt { next.startedAt = startedAt }
        if let outageMinutes = c.outageMinutes { next.outageMinutes = outageMinutes }
        if let severity = c.severity { next.severity = severity }
        if let detectedBy = c.detectedBy { next.detectedBy = detectedBy }
        if let tickets = c.tickets { next.tickets = tickets }
        if c.clear.contains(.startedAt) { next.startedAt = nil }
        if c.clear.contains(.outageMinutes) { next.outageMinutes = nil }
        if c.clear.contains(.severity) { next.severity = nil }
        if c.clear.contains(.tickets) { next.tickets = nil }
        return next
    }

    /// The numbers as a report, for ``OutageReport/missingFields``: one rule of what a draft lacks.
    var report: OutageReport {
        OutageReport(
            title: title, description: description, startedAt: startedAt, outageMinutes: outageMinutes,
            severity: severity, detectedBy: detectedBy, tickets: tickets)
    }

    func value(of field: IncidentStore.Field) -> IncidentStore.FieldValue {
        switch field {
        case .title: .text(title)
        case .description: .text(description)
        case .startedAt: startedAt.map { .text(ISO8601Format.string($0)) } ?? .none
        case .outageMinutes: outageMinutes.map { .number($0) } ?? .none
        case .severity: severity.map { .text($0.description) } ?? .none
        case .detectedBy: .text(detectedBy.rawValue)
        case .tickets: tickets.map { .number($0) } ?? .none
        case .status: .text(status.rawValue)
        }
    }
}

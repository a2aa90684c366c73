public import Foundation

/// One gap a manager must close, found by `firebreak lint`.
public struct LintFinding: Sendable, Codable, Equatable {
    /// Stable code: `no-detect-action`, `no-action`, `draft`, `unestimated`, `unlinked`, `overdue`.
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
    /// Every check, in the order a manager should work through them.
    public static func all(incidents: [IncidentFacts], items: [BacklogItem], asOf: Date) -> [LintFinding] {
        customerDetectedWithoutDetectAction(incidents: incidents, items: items)
            + incidentsWithoutAction(incidents: incidents, items: items) + drafts(incidents)
            + unestimated(items) + unlinked(items) + overdue(items, asOf: asOf)
    }

    /// The seed's minimum expectation after an outage customers found first: an alert.
    public static func customerDetectedWithoutDetectAction(
        incidents: [IncidentFacts], items: [BacklogItem]
    ) -> [LintFinding] {
        let covered = Set(
            items.filter { $0.kind == .detect && $0.status != .wontfix }.flatMap { $0.links.map(\.incident) })
        return incidents.filter { $0.detectedBy == .customer && !covered.contains($0.key) }.map {
            LintFinding(
                code: "no-detect-action", key: $0.key,
                message: "customers detected this outage and no detect action (monitor or alert) is linked")
        }
    }

    public static func incidentsWithoutAction(incidents: [IncidentFacts], items: [BacklogItem]) -> [LintFinding] {
        let linked = Set(items.flatMap { $0.links.map(\.incident) })
        return incidents.filter { !linked.contains($0.key) }.map {
            LintFinding(code: "no-action", key: $0.key, message: "no preventative action is linked")
        }
    }

    /// Draft incidents and the fields they miss.
    public static func drafts(_ incidents: [IncidentFacts]) -> [LintFinding] {
        incidents.compactMap { facts in
            let missing = facts.missingFields
            guard !missing.isEmpty else { return nil }
            return LintFinding(
                code: "draft", key: facts.key, message: "draft: missing \(missing.joined(separator: ", "))")
        }
    }

    public static func unestimated(_ items: [BacklogItem]) -> [LintFinding] {
        items.filter { $0.status.isActive && $0.estimate == nil }.map {
            LintFinding(code: "unestimated", key: $0.key, message: "no estimate: ranked with the team's default")
        }
    }

    public static func unlinked(_ items: [BacklogItem]) -> [LintFinding] {
        items.filter { $0.status.isActive && $0.links.isEmpty }.map {
            LintFinding(code: "unlinked", key: $0.key, message: "linked to no incident: its value is 0")
        }
    }

    public static func overdue(_ items: [BacklogItem], asOf: Date) -> [LintFinding] {
        let today = CalendarDate(containing: asOf)
        return items.compactMap { item in
            guard item.status.isActive, let due = item.due, due < today else { return nil }
            return LintFinding(code: "overdue", key: item.key, message: "due \(due), \(due.days(to: today)) days ago")
        }
    }
}

extension IncidentFacts {
    /// The fields the report still lacks, as `OutageReport.missingFields` names them.
    public var missingFields: [String] {
        OutageReport(
            title: key, startedAt: startedAt, outageMinutes: outageMinutes, severity: severity, tickets: tickets
        ).missingFields
    }
}

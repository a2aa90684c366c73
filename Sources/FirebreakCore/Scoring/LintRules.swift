public import Foundation

/// The checks of `firebreak lint`, as pure functions of what is stored.
public enum LintRules {
    /// Every check, in the order a manager should work through them.
    public static func all(incidents: [IncidentFacts], items: [Action], asOf: Date) -> [LintFinding] {
        let covered = coverage(incidents: incidents, items: items)
        return customerDetectedWithoutDetectAction(covered) + incidentsWithoutAction(covered) + drafts(incidents)
            + unestimated(items) + unlinked(items) + overdue(items, asOf: asOf)
    }

    /// How well an incident is covered by actions, as lint and the planner see it.
    public struct IncidentCoverage: Sendable, Equatable {
        public var key: String
        public var detectedBy: DetectionSource
        /// Actions linked to it, whatever their status.
        public var actions: Int
        /// Linked `detect` actions that are not won't-fix.
        public var detectActions: Int

        public init(key: String, detectedBy: DetectionSource, actions: Int, detectActions: Int) {
            self.key = key
            self.detectedBy = detectedBy
            self.actions = actions
            self.detectActions = detectActions
        }
    }

    public static func coverage(incidents: [IncidentFacts], items: [Action]) -> [IncidentCoverage] {
        var actions: [String: Int] = [:]
        var detect: [String: Int] = [:]
        for item in items {
            for link in item.links {
                actions[link.incident, default: 0] += 1
                if item.kind == .detect && item.status != .wontfix { detect[link.incident, default: 0] += 1 }
            }
        }
        return incidents.map {
            IncidentCoverage(
                key: $0.key, detectedBy: $0.detectedBy, actions: actions[$0.key] ?? 0,
                detectActions: detect[$0.key] ?? 0)
        }
    }

    /// The seed's minimum expectation after an outage customers found first: an alert.
    public static func customerDetectedWithoutDetectAction(_ coverage: [IncidentCoverage]) -> [LintFinding] {
        coverage.filter { $0.detectedBy == .customer && $0.detectActions == 0 }.map { noDetectAction($0.key) }
    }

    public static func incidentsWithoutAction(_ coverage: [IncidentCoverage]) -> [LintFinding] {
        coverage.filter { $0.actions == 0 }.map { noAction($0.key) }
    }

    /// A customer-detected incident with no detect action.
    public static func noDetectAction(_ key: String) -> LintFinding {
        LintFinding(
            code: .noDetectAction, key: key,
            message: "customers detected this outage and no detect action (monitor or alert) is linked")
    }

    /// An incident with no action at all.
    public static func noAction(_ key: String) -> LintFinding {
        LintFinding(code: .noAction, key: key, message: "no preventative action is linked")
    }

    /// Draft incidents and the fields they miss.
    public static func drafts(_ incidents: [IncidentFacts]) -> [LintFinding] {
        incidents.compactMap { facts in
            let missing = facts.missingFields
            guard !missing.isEmpty else { return nil }
            return LintFinding(
                code: .draft, key: facts.key, message: "draft: missing \(missing.joined(separator: ", "))")
        }
    }

    public static func unestimated(_ items: [Action]) -> [LintFinding] {
        items.filter { $0.status.isActive && $0.estimate == nil }.map {
            LintFinding(code: .unestimated, key: $0.key, message: "no estimate: ranked with the team's default")
        }
    }

    public static func unlinked(_ items: [Action]) -> [LintFinding] {
        items.filter { $0.status.isActive && $0.links.isEmpty }.map {
            LintFinding(code: .unlinked, key: $0.key, message: "linked to no incident: its value is 0")
        }
    }

    public static func overdue(_ items: [Action], asOf: Date) -> [LintFinding] {
        let today = CalendarDate(containing: asOf)
        return items.compactMap { item in
            guard item.status.isActive, let due = item.due, due < today else { return nil }
            return LintFinding(
                code: .overdue, key: item.key,
                message: "due \(due), \(NumberText.counted(due.days(to: today), "day")) ago")
        }
    }
}

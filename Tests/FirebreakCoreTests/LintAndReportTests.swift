import FirebreakCore
import Foundation
import Testing

@Suite("Lint and outage-cost reports")
struct LintAndReportTests {
    static let asOf = ReportDate.parse("2026-06-01")!

    static func incident(
        _ key: String, detected: DetectionSource = .alert, severity: Severity? = .sev2, minutes: Int? = 100,
        tickets: Int? = 10, categories: [String] = ["capacity"], daysAgo: Double = 10
    ) -> IncidentFacts {
        IncidentFacts(
            key: key, startedAt: asOf.addingTimeInterval(-daysAgo * 86_400), outageMinutes: minutes, severity: severity,
            detectedBy: detected, tickets: tickets, categories: categories)
    }

    static func item(
        _ key: String, kind: ActionKind = .prevent, estimate: Double? = 2, status: ActionStatus = .open,
        due: String? = nil, links: [String]
    ) -> Action {
        Action(
            key: key, title: key, kind: kind, estimate: estimate, status: status, due: due.flatMap { CalendarDate($0) },
            team: "CORE", links: links.map { .init(incident: $0) })
    }

    struct LintCase: Sendable, CustomStringConvertible {
        var description: String
        var incidents: [IncidentFacts]
        var items: [Action]
        var expected: [String]  // "code key"
    }

    static let lintCases: [LintCase] = [
        LintCase(
            description: "clean", incidents: [incident("INC-1", detected: .customer)],
            items: [item("ACT-1", kind: .detect, links: ["INC-1"])], expected: []),
        LintCase(
            description: "customer-detected without detect action", incidents: [incident("INC-1", detected: .customer)],
            items: [item("ACT-1", links: ["INC-1"])], expected: ["no-detect-action INC-1"]),
        LintCase(
            description: "a won't-fix detect action does not count",
            incidents: [incident("INC-1", detected: .customer)],
            items: [item("ACT-1", kind: .detect, status: .wontfix, links: ["INC-1"]), item("ACT-2", links: ["INC-1"])],
            expected: ["no-detect-action INC-1"]),
        LintCase(
            description: "no action at all", incidents: [incident("INC-1")], items: [], expected: ["no-action INC-1"]),
        LintCase(
            description: "draft fields", incidents: [incident("INC-1", severity: nil, tickets: nil)],
            items: [item("ACT-1", links: ["INC-1"])],
            expected: ["draft INC-1"]),
        LintCase(
            description: "unestimated, unlinked, overdue; done items are not flagged", incidents: [incident("INC-1")],
            items: [
                item("ACT-1", estimate: nil, links: ["INC-1"]), item("ACT-2", links: []),
                item("ACT-3", due: "2026-05-31", links: ["INC-1"]), item("ACT-4", due: "2026-06-01", links: ["INC-1"]),
                item("ACT-5", estimate: nil, status: .done, due: "2026-01-01", links: []),
            ],
            expected: ["unestimated ACT-1", "unlinked ACT-2", "overdue ACT-3"]),
    ]

    @Test(arguments: lintCases)
    func lint(_ c: LintCase) {
        let findings = LintRules.all(incidents: c.incidents, items: c.items, asOf: Self.asOf)
        #expect(findings.map { "\($0.code) \($0.key)" } == c.expected)
    }

    @Test func draftMessageNamesTheMissingFields() {
        let findings = LintRules.drafts([Self.incident("INC-1", severity: nil, tickets: nil)])
        #expect(findings.map(\.message) == ["draft: missing severity, number of support tickets raised"])
    }

    @Test func categoryParetoIsLargestFirstWithCumulativeShares() throws {
        let incidents = [
            Self.incident("INC-1", minutes: 100, tickets: 0, categories: ["capacity"]),  // 50
            Self.incident("INC-2", minutes: 0, tickets: 100, categories: ["monitoring", "capacity"]),  // 200 each
            Self.incident("INC-3", detected: .customer, minutes: 20, tickets: 0, categories: []),  // 10 × 1.5
            Self.incident("INC-4", minutes: 1000, categories: ["deploy"], daysAgo: -1),  // after as-of
        ]
        let rows = OutageCostReport.categories(incidents, weights: ScoringWeights(), asOf: Self.asOf)
        #expect(rows.map(\.category) == ["capacity", "monitoring", "uncategorised"])
        #expect(rows.map(\.cost) == [250, 200, 15])
        #expect(rows.map(\.incidents) == [2, 1, 1])
        #expect(rows.map(\.tickets) == [100, 100, 0])
        #expect(abs(rows[0].share - 250.0 / 465) < 1e-12)
        #expect(abs(rows[1].cumulativeShare - 450.0 / 465) < 1e-12)
        #expect(rows.last?.cumulativeShare == 1)
        let since = OutageCostReport.categories(
            incidents, weights: ScoringWeights(), asOf: Self.asOf, since: Self.asOf.addingTimeInterval(-5 * 86_400))
        #expect(since.isEmpty)
    }

    @Test func incidentReportIsLargestFirst() {
        let rows = OutageCostReport.incidents(
            [Self.incident("INC-1", minutes: 10, tickets: 0), Self.incident("INC-2", minutes: 10, tickets: 50)],
            weights: ScoringWeights(), asOf: Self.asOf)
        #expect(rows.map(\.key) == ["INC-2", "INC-1"])
        #expect(rows[0].cost == 105 && rows[0].decayedCost < 105)
    }
}

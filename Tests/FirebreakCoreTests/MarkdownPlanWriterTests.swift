import FirebreakCore
import Foundation
import Testing

@Suite("Markdown plan")
struct MarkdownPlanWriterTests {
    @Test func listsEveryPlannedItemOnceWithSprintsUnplannedAndWarnings() {
        let items =
            (1...7).map {
                PlannerTests.item("ACT-\($0)", value: Double(10 * $0), effort: Double($0 % 3 + 1))
            } + [PlannerTests.item("ACT-8", value: 3, effort: 1, status: .claimed, claimedBy: "amara")]
        let ranked = BacklogRanking.order(items)
        let sprints = [PlannerTests.sprint(24, capacity: 6), PlannerTests.sprint(25, capacity: 3)]
        let plan = Planner.plan(
            team: "CORE", asOf: PlannerTests.asOf, ranked: ranked, sprints: sprints,
            facts: PlanningFacts(due: ["ACT-1": CalendarDate("2026-11-30")!]))
        var text = ""
        MarkdownPlanWriter.write(plan, teamName: "Salon | Platform", to: &text)
        #expect(text.hasPrefix("# Improvement plan 0: Salon \\| Platform (CORE)\n"))
        for placement in plan.placements {
            let rows = text.split(separator: "\n").filter { $0.contains("| \(placement.item.key) |") }
            #expect(rows.count == 1, "\(placement.item.key)")
        }
        #expect(text.contains("## CORE Sprint 24 (2026-11-23 – 2026-12-06)"))
        #expect(text.contains("| amara |"))
        for item in plan.unplanned {
            #expect(text.contains("- \(item.key): `\(item.reason.rawValue)` \(item.reasonText)\n"))
        }
        #expect(text.contains("## Warnings"))
    }
}

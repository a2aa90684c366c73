public import Foundation

/// A plan: improvement work placed in the coming sprints (DESIGN.md sections 5 and 7).
/// Once stored it never changes; a new plan is a new number.
public struct Plan: Sendable, Equatable, Codable {
    public var team: String
    /// Numbered per team from 1; 0 until stored.
    public var number: Int
    public var asOf: Date
    public var sprints: [PlannedSprint]
    public var unplanned: [UnplannedItem]
    public var warnings: [PlanWarning]

    public init(
        team: String, number: Int, asOf: Date, sprints: [PlannedSprint], unplanned: [UnplannedItem],
        warnings: [PlanWarning]
    ) {
        self.team = team
        self.number = number
        self.asOf = asOf
        self.sprints = sprints
        self.unplanned = unplanned
        self.warnings = warnings
    }

    /// Every planned item with its sprint, in plan order.
    public var placements: [(sprint: PlannedSprint, item: PlanItem)] {
        sprints.flatMap { sprint in sprint.items.map { (sprint, $0) } }
    }
}

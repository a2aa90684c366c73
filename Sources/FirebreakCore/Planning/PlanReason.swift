/// Why a plan put an item in its sprint, or why in none (DESIGN.md section 5, "reasons").
///
/// The planner works the code out from what it did; the sentence beside it (`reasonText`) says
/// the same for a person, with the numbers and the keys behind it.
public enum PlanReason: String, Sendable, Codable, CaseIterable {
    /// Placed: an engineer claimed it, which pins it to the first sprint.
    case claimed
    /// Placed: part of the highest-value set that fits the sprint.
    case bestFit = "best-fit"
    /// Placed: its dependency went into the sprint before, so this is the first it could go in.
    case afterDependency = "after-dependency"
    /// Placed ahead of items of more value: this is the last sprint that ends by its due date.
    case dueDate = "due-date"
    /// Unplanned: needs more points than any sprint has for the backlog.
    case tooBig = "too-big"
    /// Unplanned: it fits, but each sprint went to items of more value.
    case noCapacity = "no-capacity"
    /// Unplanned: a dependency is neither done nor planned before the last sprint.
    case blockedBy = "blocked-by"
    /// Unplanned: no estimate, and the team's default estimate is more than any sprint has.
    case notEstimated = "not-estimated"
    /// Unplanned: it addresses no outage cost.
    case noValue = "no-value"

    /// Whether the code explains a placed item (else an unplanned one).
    public var placesItem: Bool {
        switch self {
        case .claimed, .bestFit, .afterDependency, .dueDate: true
        case .tooBig, .noCapacity, .blockedBy, .notEstimated, .noValue: false
        }
    }
}

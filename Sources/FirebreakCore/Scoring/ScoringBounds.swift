/// The ranges of the numbers that enter an incident's cost and an item's priority.
///
/// Ranking runs in SQL, and PostgreSQL fails a float8 product that overflows, or that underflows
/// to 0 from factors that are not 0, where Swift rounds. Within these ranges the smallest cost
/// that is not 0 (coverage × ticket weight × customer multiplier × the oldest decay,
/// 0.001³ × 0.5^1000, about 1e-310) is still above 0, and the largest priority (a cost over the
/// smallest estimate) is finite.
public enum ScoringBounds {
    /// A ticket weight or customer multiplier other than 0 (which turns the term off).
    public static let weight: ClosedRange<Double> = 0.001...1_000_000
    /// How much of an incident an action would have prevented.
    public static let coverage: ClosedRange<Double> = 0.001...1
    /// The story points of an action, and a team's default estimate.
    public static let estimate: ClosedRange<Double> = 0.01...1000

    /// Whether `value` may be a ticket weight or customer multiplier: 0, or within ``weight``.
    public static func isWeight(_ value: Double) -> Bool { value == 0 || weight.contains(value) }

    /// "from 0.001 to 1" for messages.
    public static func text(_ range: ClosedRange<Double>) -> String {
        "from \(NumberText.plain(range.lowerBound)) to \(NumberText.plain(range.upperBound))"
    }
}

public import FirebreakCore

/// The ranked items a filter keeps, each with its rank in the whole backlog, and how many items the whole
/// backlog ranks: what a filtered listing shows ("12 of 140 ranked items") from one ranking.
public struct BacklogSelection: Sendable, Equatable {
    /// The kept items, in rank order.
    public var items: [RankedItem]
    /// How many open and claimed items the whole backlog ranks.
    public var rankedCount: Int

    public init(items: [RankedItem], rankedCount: Int) {
        self.items = items
        self.rankedCount = rankedCount
    }
}

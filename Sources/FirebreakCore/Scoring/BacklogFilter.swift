/// Which of the ranked items a backlog listing keeps (`backlog --unclaimed`, `backlog --mine`, the web
/// backlog's category box). The items keep their ranks in the whole backlog, and a limit counts only the
/// items kept.
public enum BacklogFilter: Sendable, Equatable, Codable {
    /// Every open and claimed item: the default.
    case all
    /// Open items no one holds.
    case unclaimed
    /// The items the engineer with this handle holds.
    case claimedBy(String)
    /// The items whose weakness category contains this text, ignoring case (category keys are lowercase).
    /// A ranked item does not carry its category, so the store picks these items, reading only them.
    case category(String)

    /// Explaining ranks and explains the whole backlog, so it takes no filter: the refusal when
    /// `filters` are given with `explain`, each named as the face spells it (`--unclaimed`,
    /// `claimedBy`), or nil when there are none.
    public static func explainRefusal(explain: String, filters: [String]) -> String? {
        filters.isEmpty ? nil : "\(explain) explains the whole backlog; drop \(filters.joined(separator: " and "))"
    }

    /// Whether the filter keeps `item`, as far as the ranked item tells: every item for `.category`,
    /// which the operations answer from the store (``BacklogFilter/category(_:)``).
    public func keeps(_ item: RankedItem) -> Bool {
        switch self {
        case .all, .category: true
        case .unclaimed: item.claimedBy == nil
        case .claimedBy(let handle): item.claimedBy == handle
        }
    }
}

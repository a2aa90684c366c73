/// Which of the ranked items a backlog listing keeps (`backlog --unclaimed`, `backlog --mine`). The
/// items keep their ranks in the whole backlog, and a limit counts only the items kept.
public enum BacklogFilter: Sendable, Equatable, Codable {
    /// Every open and claimed item: the default.
    case all
    /// Open items no one holds.
    case unclaimed
    /// The items the engineer with this handle holds.
    case claimedBy(String)

    public func keeps(_ item: RankedItem) -> Bool {
        switch self {
        case .all: true
        case .unclaimed: item.claimedBy == nil
        case .claimedBy(let handle): item.claimedBy == handle
        }
    }
}

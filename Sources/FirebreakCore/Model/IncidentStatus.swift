/// A report that states every number scoring needs is published; otherwise it is a draft.
public enum IncidentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    case published
}

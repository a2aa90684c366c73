/// Who noticed the outage first.
public enum DetectionSource: String, Sendable, Hashable, Codable, CaseIterable {
    case alert
    case customer
    case staff
    case unknown

    /// Accepts the four names in any case, plus common synonyms (`monitoring`, `user`).
    public init?(parsing text: some StringProtocol) {
        let t = text.trimmingWhitespace().lowercased()
        switch t {
        case "alert", "alerting", "monitoring", "monitor", "automated": self = .alert
        case "customer", "customers", "user", "users", "user-reported", "support": self = .customer
        case "staff", "employee", "internal", "engineer": self = .staff
        case "unknown", "": self = .unknown
        default: return nil
        }
    }
}

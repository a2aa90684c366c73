/// What a preventative action does about an outage.
public enum ActionKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A monitor or an alert: the minimum expectation after a customer-detected outage.
    case detect
    case prevent
    case mitigate
    case process

    public init?(parsing text: some StringProtocol) {
        let t = text.trimmingWhitespace().lowercased()
        if let kind = ActionKind(rawValue: t) {
            self = kind
            return
        }
        switch t {
        case "detection", "monitor", "monitoring", "alert", "alerting": self = .detect
        case "prevention", "preventative", "preventive", "repair", "fix": self = .prevent
        case "mitigation", "recovery", "recover", "resilience": self = .mitigate
        case "documentation", "training", "communication", "runbook": self = .process
        case "other", "": self = .prevent
        default: return nil
        }
    }
}

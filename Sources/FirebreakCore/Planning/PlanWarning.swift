/// Something the plan could not do, with its stable code and the sprint or action it concerns.
public struct PlanWarning: Sendable, Equatable, Codable {
    /// What the plan cannot do; its raw value is the stable code that JSON and every export show.
    public enum Code: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
        /// More points than any sprint has.
        case tooBig = "too-big"
        case missedDueDate = "missed-due-date"
        case unestimated
        case noDetectAction = "no-detect-action"
        case noAction = "no-action"
        /// The first sprint's claimed items need more than its backlog capacity.
        case overCapacity = "over-capacity"

        public var description: String { rawValue }
    }

    public var code: Code
    public var key: String
    public var message: String
}

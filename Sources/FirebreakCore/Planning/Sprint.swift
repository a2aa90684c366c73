/// One sprint of a team's calendar (DESIGN.md section 5).
public struct Sprint: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case feature
        case improvement
    }

    /// Why a sprint is an improvement sprint.
    public enum Reason: String, Sendable, Codable {
        /// Its number is a multiple of `every N`.
        case cadence
        /// The incidents before it spent the error budget.
        case budget
    }

    public var number: Int
    public var name: String
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var kind: Kind
    public var reason: Reason?
    /// Story points the team has in this sprint, after time off.
    public var capacity: Double
    /// The part of `capacity` kept for the backlog, rounded down to a whole point.
    public var backlogCapacity: Int

    public init(
        number: Int, name: String, startsOn: CalendarDate, endsOn: CalendarDate, kind: Kind, reason: Reason?,
        capacity: Double, backlogCapacity: Int
    ) {
        self.number = number
        self.name = name
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.kind = kind
        self.reason = reason
        self.capacity = capacity
        self.backlogCapacity = backlogCapacity
    }
}

/// A range of days off, both ends included.
public struct TimeOff: Sendable, Equatable, Codable {
    public var handle: String
    public var from: CalendarDate
    public var to: CalendarDate

    public init(handle: String, from: CalendarDate, to: CalendarDate) {
        self.handle = handle
        self.from = from
        self.to = to
    }
}

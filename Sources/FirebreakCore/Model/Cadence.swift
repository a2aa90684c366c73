/// The sprint calendar and the improvement-sprint cadence (DESIGN.md section 5).
public struct Cadence: Sendable, Codable, Equatable {
    /// Days per sprint. Default 14.
    public var sprintLengthDays: Int
    /// The first day of sprint 1. Default 2026-01-05, a Monday.
    public var sprintOneStarts: CalendarDate
    /// Every sprint whose number is a multiple of this is an improvement sprint; 0 turns it off. Default 4.
    public var improvementEvery: Int
    /// Percent of a feature sprint's capacity kept for the backlog. Default 10.
    public var backlogShare: Double
    /// Error-budget rule: a sprint becomes an improvement sprint when the incidents of the
    /// `budgetDays` before it cost more than `budgetCost`. Default off (nil).
    public var budgetCost: Double?
    public var budgetDays: Int?

    public init(
        sprintLengthDays: Int = 14, sprintOneStarts: CalendarDate = CalendarDate(year: 2026, month: 1, day: 5)!,
        improvementEvery: Int = 4, backlogShare: Double = 10, budgetCost: Double? = nil, budgetDays: Int? = nil
    ) {
        self.sprintLengthDays = sprintLengthDays
        self.sprintOneStarts = sprintOneStarts
        self.improvementEvery = improvementEvery
        self.backlogShare = backlogShare
        self.budgetCost = budgetCost
        self.budgetDays = budgetDays
    }
}

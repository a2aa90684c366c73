/// Sprint dates, kinds and capacities from a team's cadence, its engineers and their time off.
public struct SprintCalendar: Sendable {
    public var team: Team
    public var engineers: [Engineer]
    public var timeOff: [TimeOff]
    /// What each incident cost before decay, with its start, for the error-budget rule.
    public var incidentCosts: [(started: CalendarDate, cost: Double)]

    public init(
        team: Team, engineers: [Engineer], timeOff: [TimeOff] = [],
        incidentCosts: [(started: CalendarDate, cost: Double)] = []
    ) {
        self.team = team
        self.engineers = engineers
        self.timeOff = timeOff
        self.incidentCosts = incidentCosts
    }

    /// The number of the sprint that contains `day` (sprint 1 for any day before the calendar starts).
    public func sprintNumber(containing day: CalendarDate) -> Int {
        let offset = team.cadence.sprintOneStarts.days(to: day)
        guard offset >= 0 else { return 1 }
        return offset / team.cadence.sprintLengthDays + 1
    }

    /// Sprint `number`: runs from `start + (n-1) × length` to `start + n × length - 1`.
    ///
    /// With `from` (the as-of date, in the sprint that holds it), only the working days from that
    /// day on are available: the capacity counts them against all the sprint's working days.
    public func sprint(_ number: Int, from: CalendarDate? = nil) -> Sprint {
        let c = team.cadence
        let starts = c.sprintOneStarts.adding(days: (number - 1) * c.sprintLengthDays)
        let ends = starts.adding(days: c.sprintLengthDays - 1)
        var kind = Sprint.Kind.feature
        var reason: Sprint.Reason?
        if c.improvementEvery > 0, number % c.improvementEvery == 0 {
            (kind, reason) = (.improvement, .cadence)
        } else if let budget = c.budgetCost, let days = c.budgetDays {
            let windowStart = starts.adding(days: -days)
            let spent = incidentCosts.filter { $0.started >= windowStart && $0.started < starts }.reduce(0) {
                $0 + $1.cost
            }
            if spent > budget { (kind, reason) = (.improvement, .budget) }
        }
        let capacity = capacity(from: starts, to: ends, availableFrom: from)
        let share = kind == .improvement ? capacity : capacity * c.backlogShare / 100
        return Sprint(
            number: number, name: "\(team.key) Sprint \(number)", startsOn: starts, endsOn: ends, kind: kind,
            reason: reason, capacity: capacity, backlogCapacity: Int((share + 1e-9).rounded(.down)))
    }

    /// `count` sprints from the one that contains `day`; fewer at the end of the calendar, since a
    /// day after 9999-12-31 cannot be written as `YYYY-MM-DD`. The first counts only the working
    /// days from `day` on; the others are whole.
    public func sprints(from day: CalendarDate, count: Int) -> [Sprint] {
        let first = sprintNumber(containing: day)
        return Array(
            (first..<(first + count)).lazy.map { self.sprint($0, from: $0 == first ? day : nil) }.prefix {
                $0.endsOn <= CalendarDate.last
            })
    }

    /// Σ capacity × (working days available ÷ working days in the sprint); Monday to Friday are
    /// working days, and a day before `availableFrom` or off is not available.
    func capacity(from starts: CalendarDate, to ends: CalendarDate, availableFrom: CalendarDate? = nil) -> Double {
        let days = (0...starts.days(to: ends)).map { starts.adding(days: $0) }.filter { !$0.isWeekend }
        guard !days.isEmpty else { return 0 }
        let open = availableFrom.map { from in days.filter { $0 >= from } } ?? days
        return engineers.reduce(0) { total, engineer in
            let off = timeOff.filter { $0.handle == engineer.handle }
            let available = open.filter { day in !off.contains { $0.from <= day && day <= $0.to } }.count
            return total + engineer.capacity * Double(available) / Double(days.count)
        }
    }
}

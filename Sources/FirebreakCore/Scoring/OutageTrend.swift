public import Foundation

/// Is the firebreak working? (`firebreak report trend`): what the outages cost month by month, beside
/// the improvement sprints of each month, and how much of each past sprint's plan was done by its end.
///
/// Months are calendar months in UTC. Cost is before decay, as in ``OutageCostReport`` (the same
/// ``IncidentCost``), so a month's cost does not shrink as it ages. Incidents without a start date
/// (drafts) or after the as-of time are left out.
public struct OutageTrend: Sendable, Equatable, Codable {
    public struct Month: Sendable, Equatable, Codable {
        /// `YYYY-MM`.
        public var month: String
        public var incidents: Int
        public var outageMinutes: Int
        public var tickets: Int
        /// Before decay.
        public var cost: Double
        /// The names of the improvement sprints that start in the month.
        public var improvementSprints: [String]
    }

    /// Planned against done for one sprint of one stored plan, once the sprint is over.
    public struct SprintOutcome: Sendable, Equatable, Codable {
        public var plan: Int
        public var sprint: Int
        public var name: String
        public var startsOn: CalendarDate
        public var endsOn: CalendarDate
        public var kind: Sprint.Kind
        /// The items the plan placed in the sprint, and their effort.
        public var planned: Int
        public var plannedEffort: Double
        /// Those of them done by the end of the sprint's last day (UTC), and their effort.
        public var done: Int
        public var doneEffort: Double
        /// `doneEffort / plannedEffort`; 0 when nothing was planned.
        public var doneShare: Double
        /// The planned items not done by the end, in plan order.
        public var notDone: [String]
    }

    public var team: String
    public var asOf: Date
    /// From the month of the first incident (or of the first planned sprint) to the as-of month, every
    /// month, empty ones included.
    public var months: [Month]
    /// Every stored plan's sprints that ended before the as-of date, by plan, then sprint.
    public var sprints: [SprintOutcome]

    /// - Parameters:
    ///   - calendar: the team's calendar, which says which sprints are improvement sprints.
    ///   - plans: the team's stored plans.
    ///   - doneAt: when each done action was done.
    public init(
        incidents: [IncidentFacts], calendar: SprintCalendar, plans: [Plan], doneAt: [String: Date], asOf: Date
    ) {
        let team = calendar.team
        self.team = team.key
        self.asOf = asOf
        let costs = OutageCostReport.costs(incidents, weights: team.weights, asOf: asOf, since: nil)
        let today = CalendarDate(containing: asOf)
        let starts =
            costs.compactMap { $0.0.startedAt.map(CalendarDate.init(containing:)) }
            + plans.flatMap(\.sprints).map(\.startsOn).filter { $0 <= today }
        months = []
        sprints = []
        if let first = starts.min() {
            months = Self.months(from: first, to: today).map { start in
                Month(
                    month: Self.name(start), incidents: 0, outageMinutes: 0, tickets: 0, cost: 0, improvementSprints: []
                )
            }
            let index = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1.month, $0) })
            for (facts, cost) in costs {
                guard let started = facts.startedAt, let i = index[Self.name(CalendarDate(containing: started))]
                else { continue }
                months[i].incidents += 1
                months[i].outageMinutes += facts.outageMinutes ?? 0
                months[i].tickets += facts.tickets ?? 0
                months[i].cost += cost.undecayedCost
            }
            let firstNumber = calendar.sprintNumber(containing: first.firstOfMonth)
            for number in firstNumber...calendar.sprintNumber(containing: today) {
                let sprint = calendar.sprint(number)
                guard sprint.kind == .improvement, sprint.startsOn <= today,
                    let i = index[Self.name(sprint.startsOn)]
                else { continue }
                months[i].improvementSprints.append(sprint.name)
            }
        }
        for plan in plans.sorted(by: { $0.number < $1.number }) {
            for sprint in plan.sprints where sprint.endsOn < today {
                let end = sprint.endsOn.adding(days: 1).startOfDay
                let done = sprint.items.filter { doneAt[$0.key].map { $0 < end } ?? false }
                let plannedEffort = sprint.items.reduce(0) { $0 + $1.effort }
                let doneEffort = done.reduce(0) { $0 + $1.effort }
                let doneKeys = Set(done.map(\.key))
                sprints.append(
                    SprintOutcome(
                        plan: plan.number, sprint: sprint.number, name: sprint.name, startsOn: sprint.startsOn,
                        endsOn: sprint.endsOn, kind: sprint.kind, planned: sprint.items.count,
                        plannedEffort: plannedEffort, done: done.count, doneEffort: doneEffort,
                        doneShare: plannedEffort > 0 ? doneEffort / plannedEffort : 0,
                        notDone: sprint.items.map(\.key).filter { !doneKeys.contains($0) }))
            }
        }
    }

    /// The first day of every month from `first`'s to `last`'s.
    static func months(from first: CalendarDate, to last: CalendarDate) -> [CalendarDate] {
        var result: [CalendarDate] = []
        var month: CalendarDate? = first.firstOfMonth
        while let current = month, current <= last {
            result.append(current)
            month = current.nextMonth
        }
        return result
    }

    static func name(_ day: CalendarDate) -> String {
        String(day.description.prefix(7))
    }
}

extension CalendarDate {
    var firstOfMonth: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }

    /// The first day of the next month; nil after December 9999, which `YYYY-MM-DD` cannot write.
    var nextMonth: CalendarDate? {
        month == 12
            ? CalendarDate(year: year + 1, month: 1, day: 1) : CalendarDate(year: year, month: month + 1, day: 1)
    }
}

public import Foundation

/// What the planner needs to know of one ranked item beyond its score.
public struct PlanningFacts: Sendable {
    /// Keys each item depends on.
    public var dependencies: [String: [String]]
    public var due: [String: CalendarDate]
    /// Items already done: dependencies on them are met.
    public var done: Set<String>
    /// Gaps to repeat as plan warnings (customer-detected incidents with no detect action, ...).
    public var findings: [LintFinding]

    public init(
        dependencies: [String: [String]] = [:], due: [String: CalendarDate] = [:], done: Set<String> = [],
        findings: [LintFinding] = []
    ) {
        self.dependencies = dependencies
        self.due = due
        self.done = done
        self.findings = findings
    }
}

/// The planner of DESIGN.md section 5, as a pure function of values.
///
/// Sprint by sprint in order, it places the set of eligible items with the highest total
/// value that fits the remaining backlog capacity (a 0/1 knapsack, exact for whole-point
/// estimates; a fractional estimate takes its next whole point); among equal totals it
/// prefers the set holding the higher-ranked items. Claimed items go first into the first
/// sprint. An item is eligible when it is open, has a value, fits the sprint's backlog
/// capacity and each of its dependencies is done or placed in an earlier sprint.
public enum Planner {
    public static func plan(
        team: String, asOf: Date, ranked: [RankedItem], sprints: [Sprint], facts: PlanningFacts
    ) -> Plan {
        var placedIn: [String: Int] = [:]  // key -> sprint index
        var planned: [[PlanItem]] = Array(repeating: [], count: sprints.count)
        let claimed = ranked.filter { $0.status == .claimed }
        if !sprints.isEmpty {
            for item in claimed {
                planned[0].append(planItem(item))
                placedIn[item.key] = 0
            }
        }
        let open = ranked.filter { $0.status == .open }
        for (index, sprint) in sprints.enumerated() {
            let used = planned[index].reduce(0) { $0 + weight($1.effort) }
            let remaining = max(0, sprint.backlogCapacity - used)
            let eligible = open.filter { item in
                placedIn[item.key] == nil && item.value > 0 && weight(item.effort) <= sprint.backlogCapacity
                    && (facts.dependencies[item.key] ?? []).allSatisfy { dep in
                        facts.done.contains(dep) || (placedIn[dep].map { $0 < index } ?? false)
                    }
            }
            let chosen = knapsack(eligible.map { (weight($0.effort), $0.value) }, capacity: remaining)
            for i in chosen {
                planned[index].append(planItem(eligible[i]))
                placedIn[eligible[i].key] = index
            }
        }
        let plannedSprints = zip(sprints, planned).map { PlannedSprint($0, items: $1) }
        let largest = sprints.map(\.backlogCapacity).max() ?? 0
        let unplanned = open.filter { placedIn[$0.key] == nil }.map { item -> UnplannedItem in
            if item.value <= 0 { return UnplannedItem(key: item.key, reason: "no-value") }
            if weight(item.effort) > largest { return UnplannedItem(key: item.key, reason: "too-big") }
            let blockers = (facts.dependencies[item.key] ?? []).filter { !facts.done.contains($0) }
                .filter { dep in placedIn[dep].map { $0 >= sprints.count - 1 } ?? true }
            if !blockers.isEmpty { return UnplannedItem(key: item.key, reason: "blocked-by", blockedBy: blockers) }
            return UnplannedItem(key: item.key, reason: "no-capacity")
        }
        let warnings = PlanWarnings.make(
            ranked: ranked, sprints: plannedSprints, unplanned: unplanned, largest: largest, facts: facts)
        return Plan(
            team: team, number: 0, asOf: asOf, sprints: plannedSprints, unplanned: unplanned, warnings: warnings)
    }

    /// Whole story points: a fractional estimate takes its next whole point.
    static func weight(_ effort: Double) -> Int { Int(effort.rounded(.up)) }

    static func planItem(_ item: RankedItem) -> PlanItem {
        PlanItem(
            key: item.key, title: item.title, effort: item.effort, estimated: item.estimated, value: item.value,
            priority: item.priority, rank: item.rank, claimedBy: item.claimedBy)
    }

    /// 0/1 knapsack over `items` (weight, value), given best rank first; returns the chosen indices
    /// in rank order. Among sets of equal value (within 1e-9) it keeps the higher-ranked items:
    /// the table is built over suffixes, and an item is taken whenever taking it is as good.
    public static func knapsack(_ items: [(weight: Int, value: Double)], capacity: Int) -> [Int] {
        guard capacity > 0, !items.isEmpty else { return [] }
        let width = capacity + 1
        var best = [Double](repeating: 0, count: width)
        var take = [Bool](repeating: false, count: items.count * width)
        for i in stride(from: items.count - 1, through: 0, by: -1) {
            let (w, v) = items[i]
            guard w <= capacity else { continue }
            var c = capacity
            while c >= w {
                let with = best[c - w] + v
                if with >= best[c] - 1e-9 * max(1, abs(best[c])) {
                    take[i * width + c] = true
                    best[c] = max(best[c], with)
                }
                c -= 1
            }
        }
        var chosen: [Int] = []
        var c = capacity
        for i in items.indices where take[i * width + c] {
            chosen.append(i)
            c -= items[i].weight
        }
        return chosen
    }
}

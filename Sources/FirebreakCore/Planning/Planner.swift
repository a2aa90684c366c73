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
/// capacity and each of its dependencies is done or placed in an earlier sprint. An eligible
/// item that the best set leaves out of the last sprint ending by its due date (or, already
/// late, of the first sprint it can go in) goes in first, and the best set fills the rest.
///
/// Every item gets its reason (``PlanReason``) from what the planner did with it.
public enum Planner {
    public static func plan(
        team: String, asOf: Date, ranked: [RankedItem], sprints: [Sprint], facts: PlanningFacts
    ) -> Plan {
        // Positions in `ranked` stand for items, so the passes below hash no strings; the passes read
        // `ranked[i]`'s fields in place, since a whole item copied is five references retained.
        let index =
            facts.dependencies.isEmpty
            ? [:] : Dictionary(ranked.indices.map { (ranked[$0].key, $0) }, uniquingKeysWith: { a, _ in a })
        let dependencies: [[Int]?] = ranked.indices.map { i in
            guard !facts.dependencies.isEmpty, let deps = facts.dependencies[ranked[i].key], !deps.isEmpty else {
                return nil
            }
            // A dependency that is done is met; one that is not ranked (won't fix) never is: -1.
            return deps.filter { !facts.done.contains($0) }.map { index[$0] ?? -1 }
        }
        var placedIn = [Int](repeating: -1, count: ranked.count)
        let weights = ranked.indices.map { weight(ranked[$0].effort) }
        // Read by every sprint's pass: eight bytes an item, where the items are 120 and a million of
        // them do not stay in the cache from one pass to the next.
        let values = ranked.indices.map { ranked[$0].value }
        let candidate = ranked.indices.map { ranked[$0].status == .open && values[$0] > 0 }
        // The sprint an item with a due date must be in: the last that ends by then (the first when none does).
        let dueSprint: [Int] = ranked.indices.map { i in
            guard !facts.due.isEmpty, let due = facts.due[ranked[i].key],
                let after = sprints.firstIndex(where: { $0.endsOn > due })
            else {
                return Int.max
            }
            return max(0, after - 1)
        }
        var planned: [[PlanItem]] = Array(repeating: [], count: sprints.count)
        var dueFirst: Set<Int> = []  // sprints where due items went in ahead of the best set
        if let first = sprints.first {
            for i in ranked.indices where ranked[i].status == .claimed {
                planned[0].append(
                    planItem(ranked[i], .claimed, PlanReason.claimedText(by: ranked[i].claimedBy, sprint: first)))
                placedIn[i] = 0
            }
        }
        for (s, sprint) in sprints.enumerated() {
            let used = planned[s].reduce(0) { $0 + weight($1.effort) }
            let remaining = max(0, sprint.backlogCapacity - used)
            var eligible: [Int] = []
            for i in ranked.indices
            where candidate[i] && placedIn[i] < 0 && weights[i] <= sprint.backlogCapacity
                && (dependencies[i] ?? []).allSatisfy({ $0 >= 0 && placedIn[$0] >= 0 && placedIn[$0] < s })
            {
                eligible.append(i)
            }
            var chosen = choose(eligible, weights: weights, values: values, capacity: remaining)
            // When the best set leaves out an item due by the end of this sprint, the items due by then
            // go in first, in rank order, while they fit (`due-date`), and the best set fills the rest.
            var forced: [Int] = []
            let taken = Set(chosen)
            if eligible.contains(where: { dueSprint[$0] <= s && !taken.contains($0) }) {
                var room = remaining
                for i in eligible where dueSprint[i] <= s && weights[i] <= room {
                    forced.append(i)
                    room -= weights[i]
                }
                if forced.contains(where: { !taken.contains($0) }) {
                    let rest = eligible.filter { !forced.contains($0) }
                    chosen = choose(rest, weights: weights, values: values, capacity: room)
                } else {
                    forced = []  // the due items that fit are in the best set already
                }
            }
            let dueText = { (i: Int) in
                PlanReason.dueDateText(
                    sprint, due: facts.due[ranked[i].key]!, lastChance: sprint.endsOn <= facts.due[ranked[i].key]!,
                    today: CalendarDate(containing: asOf))
            }
            let isForced = Set(forced)
            for i in (forced + chosen).sorted() {
                planned[s].append(
                    isForced.contains(i)
                        ? planItem(ranked[i], .dueDate, dueText(i))
                        : placed(
                            i, in: s, sprints: sprints, ranked: ranked, weights: weights, dependencies: dependencies,
                            placedIn: placedIn, dueFirst: dueFirst))
            }
            for i in forced + chosen { placedIn[i] = s }
            if !forced.isEmpty { dueFirst.insert(s) }
        }
        let plannedSprints = zip(sprints, planned).map { PlannedSprint($0, items: $1) }
        let largest = sprints.map(\.backlogCapacity).max() ?? 0
        var left: [(i: Int, reason: PlanReason, blockedBy: [String]?)] = []
        for i in ranked.indices where ranked[i].status == .open && placedIn[i] < 0 {
            if ranked[i].value <= 0 {
                left.append((i, .noValue, nil))
            } else if weights[i] > largest {
                left.append((i, ranked[i].estimated ? .tooBig : .notEstimated, nil))
            } else if let deps = dependencies[i],
                case let blockers = deps.filter({ $0 < 0 || placedIn[$0] < 0 || placedIn[$0] >= sprints.count - 1 }),
                !blockers.isEmpty
            {
                let keys = (facts.dependencies[ranked[i].key] ?? []).filter { dep in
                    !facts.done.contains(dep) && (index[dep].map { blockers.contains($0) } ?? true)
                }
                left.append((i, .blockedBy, keys))
            } else {
                left.append((i, .noCapacity, nil))
            }
        }
        // The sentences look up only keys that block another item among the unplanned.
        let blockers = Set(facts.dependencies.values.joined())
        let context = PlanReason.Context(
            sprints: plannedSprints, unplanned: left.lazy.map { ranked[$0.i].key }.filter(blockers.contains))
        var sentences = PlanReason.Sentences(context: context)
        let unplanned = left.map { i, reason, blockedBy in
            UnplannedItem(
                key: ranked[i].key, reason: reason,
                reasonText: sentences.unplanned(reason, effort: ranked[i].effort, blockedBy: blockedBy),
                blockedBy: blockedBy, effort: ranked[i].effort, value: ranked[i].value)
        }
        let warnings = PlanWarnings.make(
            ranked: ranked, sprints: plannedSprints, unplanned: unplanned, facts: facts)
        return Plan(
            team: team, number: 0, asOf: asOf, sprints: plannedSprints, unplanned: unplanned, warnings: warnings)
    }

    /// The best set of `eligible` within `capacity`: positions in rank order.
    static func choose(_ eligible: [Int], weights: [Int], values: [Double], capacity: Int) -> [Int] {
        let candidates = prune(eligible, weights: weights, values: values, capacity: capacity)
        let chosen = knapsack(candidates.map { (weights[$0], values[$0]) }, capacity: capacity)
        return chosen.map { candidates[$0] }
    }

    /// Item `i`, chosen as part of the best set of sprint `s`, with its reason: after a dependency
    /// when the dependency went into the sprint before, else a best fit, saying why not earlier.
    static func placed(
        _ i: Int, in s: Int, sprints: [Sprint], ranked: [RankedItem], weights: [Int], dependencies: [[Int]?],
        placedIn: [Int], dueFirst: Set<Int>
    ) -> PlanItem {
        let sprint = sprints[s]
        let deps = dependencies[i] ?? []
        let latest = deps.map { placedIn[$0] }.max() ?? -1  // every dependency is placed before `s`
        if s > 0, latest == s - 1, let dep = deps.first(where: { placedIn[$0] == latest }) {
            var item = planItem(
                ranked[i], .afterDependency,
                PlanReason.afterDependencyText(sprint, dependency: ranked[dep].key, dependencySprint: sprints[latest]))
            item.dependency = ranked[dep].key
            item.dependencySprint = sprints[latest].number
            return item
        }
        let earlier = (latest + 1)..<s
        let passedOver = earlier.filter { weights[i] <= sprints[$0].backlogCapacity }
        let text = PlanReason.bestFitText(
            sprint, passedOver: passedOver.map { sprints[$0] },
            tooBigFor: earlier.filter { weights[i] > sprints[$0].backlogCapacity }.map { sprints[$0] },
            dueFirst: passedOver.contains { dueFirst.contains($0) })
        return planItem(ranked[i], .bestFit, text)
    }

    /// Keeps, for each weight w, the ⌊capacity / w⌋ best items (value, then rank): no set that fits
    /// holds more of that weight, and an optimal set holding a dropped item can swap it for a kept
    /// one of the same weight at no loss and with a better rank. So the knapsack sees at most
    /// capacity × H(capacity) items, however long the backlog. Returns positions in rank order.
    static func prune(_ eligible: [Int], weights: [Int], values: [Double], capacity: Int) -> [Int] {
        guard capacity > 0 else { return [] }
        // Weight -> positions, by value descending then rank; changed in place, never copied out.
        var best = [[Int]](repeating: [], count: capacity + 1)
        for i in eligible {
            let w = weights[i]
            guard w <= capacity else { continue }
            let limit = capacity / w
            // `eligible` is in rank order, so an equal value never displaces an earlier item.
            if best[w].count == limit, let last = best[w].last, values[last] >= values[i] { continue }
            let at = best[w].firstIndex { values[$0] < values[i] } ?? best[w].count
            best[w].insert(i, at: at)
            if best[w].count > limit { best[w].removeLast() }
        }
        return best.joined().sorted()
    }

    /// Whole story points: a fractional estimate takes its next whole point.
    static func weight(_ effort: Double) -> Int { max(1, Int(effort.rounded(.up))) }

    static func planItem(_ item: RankedItem, _ reason: PlanReason, _ text: String) -> PlanItem {
        PlanItem(
            key: item.key, title: item.title, effort: item.effort, estimated: item.estimated, value: item.value,
            priority: item.priority, rank: item.rank, claimedBy: item.claimedBy, reason: reason, reasonText: text)
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

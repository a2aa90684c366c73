public import Foundation

/// The ranking of DESIGN.md section 4, as a pure function of values.
public enum BacklogRanking {
    /// Ranks the open and claimed `items`: priority descending, then value descending, then key
    /// in natural order (`ACT-2` before `ACT-10`). Done and won't-fix items are left out.
    public static func rank(
        _ items: [Action], incidents: [String: IncidentFacts], weights: ScoringWeights, asOf: Date
    ) -> [RankedItem] {
        let costs = incidents.compactMapValues { IncidentCost($0, weights: weights, asOf: asOf)?.cost }
        let unranked = items.filter(\.status.isActive).map { item -> RankedItem in
            var value = ValueSum()
            for link in item.links { value.add(link.coverage * (costs[link.incident] ?? 0)) }
            return rankedItem(item, value: value.value, weights: weights)
        }
        return order(unranked)
    }

    /// Effort, priority and the rest, from an item and its value.
    public static func rankedItem(_ item: Action, value: Double, weights: ScoringWeights) -> RankedItem {
        let effort = item.estimate ?? weights.defaultEstimate
        return RankedItem(
            rank: 0, key: item.key, title: item.title, kind: item.kind, status: item.status, value: value,
            effort: effort, estimated: item.estimate != nil, priority: value / effort,
            incidents: item.links.map(\.incident).sorted(by: ItemKey.naturalLess), claimedBy: item.claimedBy)
    }

    /// Sorts by priority, value, then natural key order, and numbers the ranks from 1.
    public static func order(_ items: consuming [RankedItem]) -> [RankedItem] {
        // Sorts small keys, then moves each item to its place: a ranked item is over a hundred
        // bytes, and moving a million through the sort's passes, or copying them out (a retain of
        // each title and incident list), cost more than the comparisons.
        struct SortKey {
            var priority: Double
            var value: Double
            var index: Int
        }
        var keys = items.indices.map { SortKey(priority: items[$0].priority, value: items[$0].value, index: $0) }
        keys.sort { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            if a.value != b.value { return a.value > b.value }
            return ItemKey.naturalLess(items[a.index].key, items[b.index].key)
        }
        var sorted = consume items
        sorted.withUnsafeMutableBufferPointer { slots in
            guard let base = slots.baseAddress else { return }
            // Gathered into a staging buffer in rank order, then moved back in one sequential pass.
            // Each gather reads an item whose place is known in advance, so the processor overlaps
            // the cache misses of many; following the permutation's cycles in place waited for
            // each miss in turn, and that wait grew faster than the items once they left the caches.
            let staging = UnsafeMutablePointer<RankedItem>.allocate(capacity: slots.count)
            defer { staging.deallocate() }
            for position in slots.indices {
                (staging + position).initialize(to: (base + keys[position].index).move())
                staging[position].rank = position + 1
            }
            base.moveInitialize(from: staging, count: slots.count)
        }
        return sorted
    }

    /// Each term of `item`'s score.
    public static func explain(
        _ item: Action, incidents: [String: IncidentFacts], weights: ScoringWeights, asOf: Date
    ) -> ScoreExplanation {
        var terms: [ScoreExplanation.Term] = []
        var value = ValueSum()
        for link in item.links {
            guard let facts = incidents[link.incident] else { continue }
            if let cost = IncidentCost(facts, weights: weights, asOf: asOf) {
                let contribution = link.coverage * cost.cost
                value.add(contribution)
                terms.append(
                    .init(
                        cost: cost, ignored: nil, incident: link.incident, coverage: link.coverage,
                        contribution: contribution))
            } else {
                let why = facts.startedAt == nil ? "no date (draft)" : "started after the as-of time"
                terms.append(
                    .init(cost: nil, ignored: why, incident: link.incident, coverage: link.coverage, contribution: 0))
            }
        }
        let ranked = rankedItem(item, value: value.value, weights: weights)
        return ScoreExplanation(
            key: item.key, terms: terms, value: value.value, effort: ranked.effort, estimated: ranked.estimated,
            priority: ranked.priority)
    }
}

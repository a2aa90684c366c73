public import Foundation

/// One ranked backlog item, in the JSON shape of DESIGN.md section 7.
public struct RankedItem: Sendable, Equatable, Codable {
    public var rank: Int
    public var key: String
    public var title: String
    public var kind: ActionKind
    public var status: ActionStatus
    /// Sum over linked incidents of coverage × cost.
    public var value: Double
    /// The estimate, or the team's default estimate when there is none.
    public var effort: Double
    /// False when `effort` is the default estimate.
    public var estimated: Bool
    /// `value / effort`.
    public var priority: Double
    /// The linked incidents, in natural key order.
    public var incidents: [String]
    public var claimedBy: String?

    public init(
        rank: Int, key: String, title: String, kind: ActionKind, status: ActionStatus, value: Double, effort: Double,
        estimated: Bool, priority: Double, incidents: [String], claimedBy: String?
    ) {
        self.rank = rank
        self.key = key
        self.title = title
        self.kind = kind
        self.status = status
        self.value = value
        self.effort = effort
        self.estimated = estimated
        self.priority = priority
        self.incidents = incidents
        self.claimedBy = claimedBy
    }
}

extension [RankedItem] {
    /// Where each of `keys` is in this ranking (nil: not in it). Keys listed in rank order, as a
    /// plan's unplanned items are, are found in one walk without hashing a hundred thousand keys;
    /// a key out of that order is looked up in an index instead.
    public func positions(of keys: [String]) -> [Int?] {
        var next = 0
        var index: [String: Int]?
        return keys.map { key in
            let start = next
            while next < count {
                defer { next += 1 }
                if self[next].key == key { return next }
            }
            next = start
            if index == nil { index = Dictionary(indices.map { (self[$0].key, $0) }, uniquingKeysWith: { a, _ in a }) }
            return index?[key]
        }
    }
}

/// Why an item scores what it does: each linked incident's terms and its share of the value.
public struct ScoreExplanation: Sendable, Equatable, Codable {
    public var key: String
    public var terms: [Term]
    public var value: Double
    public var effort: Double
    public var estimated: Bool
    public var priority: Double

    public struct Term: Sendable, Equatable, Codable {
        public var cost: IncidentCost?
        /// Set when the incident is not counted: it started after the as-of time, or has no date.
        public var ignored: String?
        public var incident: String
        public var coverage: Double
        /// `coverage × cost`.
        public var contribution: Double
    }
}

/// The ranking of DESIGN.md section 4, as a pure function of values.
public enum BacklogRanking {
    /// Ranks the open and claimed `items`: priority descending, then value descending, then key
    /// in natural order (`ACT-2` before `ACT-10`). Done and won't-fix items are left out.
    public static func rank(
        _ items: [Action], incidents: [String: IncidentFacts], weights: ScoringWeights, asOf: Date
    ) -> [RankedItem] {
        let costs = incidents.compactMapValues { IncidentCost($0, weights: weights, asOf: asOf)?.cost }
        let unranked = items.filter(\.status.isActive).map { item -> RankedItem in
            var value = 0.0
            for link in item.links { value += link.coverage * (costs[link.incident] ?? 0) }
            return rankedItem(item, value: value, weights: weights)
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
    public static func order(_ items: [RankedItem]) -> [RankedItem] {
        var sorted = items.sorted { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            if a.value != b.value { return a.value > b.value }
            return ItemKey.naturalLess(a.key, b.key)
        }
        for i in sorted.indices { sorted[i].rank = i + 1 }
        return sorted
    }

    /// Each term of `item`'s score.
    public static func explain(
        _ item: Action, incidents: [String: IncidentFacts], weights: ScoringWeights, asOf: Date
    ) -> ScoreExplanation {
        var terms: [ScoreExplanation.Term] = []
        var value = 0.0
        for link in item.links {
            guard let facts = incidents[link.incident] else { continue }
            if let cost = IncidentCost(facts, weights: weights, asOf: asOf) {
                let contribution = link.coverage * cost.cost
                value += contribution
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
        let ranked = rankedItem(item, value: value, weights: weights)
        return ScoreExplanation(
            key: item.key, terms: terms, value: value, effort: ranked.effort, estimated: ranked.estimated,
            priority: ranked.priority)
    }
}

extension RankedItem {
    private enum CodingKeys: String, CodingKey {
        case rank, key, title, kind, status, value, effort, estimated, priority, incidents, claimedBy
    }

    /// DESIGN.md section 7 writes `"claimedBy": null` for unclaimed items, so nil is encoded, not left out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rank, forKey: .rank)
        try c.encode(key, forKey: .key)
        try c.encode(title, forKey: .title)
        try c.encode(kind, forKey: .kind)
        try c.encode(status, forKey: .status)
        try c.encode(value, forKey: .value)
        try c.encode(effort, forKey: .effort)
        try c.encode(estimated, forKey: .estimated)
        try c.encode(priority, forKey: .priority)
        try c.encode(incidents, forKey: .incidents)
        try c.encode(claimedBy, forKey: .claimedBy)
    }
}

public import Foundation

/// Where the outages come from: cost by weakness category (a Pareto) and by incident.
///
/// Costs here are before decay, the cost each outage had when it happened; an incident
/// with two categories counts in both, and shares are of the sum over the rows.
public enum OutageCostReport {
    public struct CategoryRow: Sendable, Equatable, Codable {
        public var category: String
        public var incidents: Int
        public var outageMinutes: Int
        public var tickets: Int
        public var cost: Double
        public var share: Double
        public var cumulativeShare: Double
    }

    public struct IncidentRow: Sendable, Equatable, Codable {
        public var key: String
        public var startedAt: Date?
        public var outageMinutes: Int
        public var severity: Severity?
        public var tickets: Int
        public var detectedBy: DetectionSource
        public var categories: [String]
        /// Before decay.
        public var cost: Double
        /// As scoring sees it at the as-of time.
        public var decayedCost: Double
        public var share: Double
    }

    /// Incidents that started in `[since, asOf]`, each with its cost.
    static func costs(
        _ incidents: [IncidentFacts], weights: ScoringWeights, asOf: Date, since: Date?
    ) -> [(IncidentFacts, IncidentCost)] {
        incidents.compactMap { facts in
            guard let cost = IncidentCost(facts, weights: weights, asOf: asOf) else { return nil }
            if let since, let started = facts.startedAt, started < since { return nil }
            return (facts, cost)
        }
    }

    /// Categories by cost, largest first, with share and cumulative share.
    public static func categories(
        _ incidents: [IncidentFacts], weights: ScoringWeights, asOf: Date, since: Date? = nil
    ) -> [CategoryRow] {
        var rows: [String: CategoryRow] = [:]
        for (facts, cost) in costs(incidents, weights: weights, asOf: asOf, since: since) {
            for category in facts.categories.isEmpty ? ["uncategorised"] : facts.categories {
                var row =
                    rows[category]
                    ?? CategoryRow(
                        category: category, incidents: 0, outageMinutes: 0, tickets: 0, cost: 0, share: 0,
                        cumulativeShare: 0)
                row.incidents += 1
                row.outageMinutes += facts.outageMinutes ?? 0
                row.tickets += facts.tickets ?? 0
                row.cost += cost.undecayedCost
                rows[category] = row
            }
        }
        var sorted = rows.values.sorted { $0.cost != $1.cost ? $0.cost > $1.cost : $0.category < $1.category }
        let total = sorted.reduce(0) { $0 + $1.cost }
        var running = 0.0
        for i in sorted.indices {
            sorted[i].share = total > 0 ? sorted[i].cost / total : 0
            running += sorted[i].cost
            sorted[i].cumulativeShare = total > 0 ? running / total : 0
        }
        return sorted
    }

    /// Incidents by cost, largest first.
    public static func incidents(
        _ incidents: [IncidentFacts], weights: ScoringWeights, asOf: Date, since: Date? = nil
    ) -> [IncidentRow] {
        let all = costs(incidents, weights: weights, asOf: asOf, since: since)
        let total = all.reduce(0) { $0 + $1.1.undecayedCost }
        return all.map { facts, cost in
            IncidentRow(
                key: facts.key, startedAt: facts.startedAt, outageMinutes: facts.outageMinutes ?? 0,
                severity: facts.severity, tickets: facts.tickets ?? 0, detectedBy: facts.detectedBy,
                categories: facts.categories, cost: cost.undecayedCost, decayedCost: cost.cost,
                share: total > 0 ? cost.undecayedCost / total : 0)
        }.sorted { $0.cost != $1.cost ? $0.cost > $1.cost : ItemKey.naturalLess($0.key, $1.key) }
    }
}

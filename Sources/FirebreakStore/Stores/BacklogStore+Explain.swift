public import FirebreakCore
public import Foundation

extension BacklogStore {
    /// A team's ranking with every score explained term by term, in rank order: all ranked
    /// items, the first `limit`, or only `key`.
    public struct Explained: Sendable {
        public var team: Team
        public var ranked: [RankedItem]
        public var explanations: [ScoreExplanation]

        public init(team: Team, ranked: [RankedItem], explanations: [ScoreExplanation]) {
            self.team = team
            self.ranked = ranked
            self.explanations = explanations
        }
    }

    public func explain(team key: String, item: String? = nil, asOf: Date, limit: Int? = nil) async throws -> Explained
    {
        let snapshot = try await snapshot(team: key)
        let ranked = try await rank(team: key, asOf: asOf)
        let items = Dictionary(uniqueKeysWithValues: snapshot.items.map { ($0.key, $0) })
        var keys = ranked.map(\.key)
        if let item {
            guard let found = items[item] else { throw StoreError.notFound("no action \(item) in team \(key)") }
            guard found.status.isActive else {
                throw StoreError.invalid(
                    "\(item) is \(found.status.rawValue): only open and claimed actions are ranked")
            }
            keys = [item]
        } else if let limit {
            keys = Array(keys.prefix(limit))
        }
        let facts = snapshot.incidentsByKey
        let explanations = keys.compactMap { items[$0] }.map {
            BacklogRanking.explain($0, incidents: facts, weights: snapshot.team.weights, asOf: asOf)
        }
        return Explained(team: snapshot.team, ranked: ranked, explanations: explanations)
    }
}

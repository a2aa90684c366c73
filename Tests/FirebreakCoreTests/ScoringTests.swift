import FirebreakCore
import FirebreakTesting
import Foundation
import Testing

@Suite("Scoring (DESIGN §4)")
struct ScoringTests {
    static let asOf = ReportDate.parse("2026-03-01 00:00 UTC")!
    static let weights = ScoringWeights()

    static func incident(
        _ key: String = "INC-1", daysAgo: Double = 0, minutes: Int? = 60, severity: Severity? = .sev1,
        detected: DetectionSource = .alert, tickets: Int? = 10
    ) -> IncidentFacts {
        IncidentFacts(
            key: key, startedAt: asOf.addingTimeInterval(-daysAgo * 86_400), outageMinutes: minutes,
            severity: severity, detectedBy: detected, tickets: tickets)
    }

    struct CostCase: Sendable, CustomStringConvertible {
        var description: String
        var facts: IncidentFacts
        var cost: Double?
    }

    /// Costs computed by hand: (minutes × sev + 2 × tickets) × detect × 0.5^(age/180).
    static let costCases: [CostCase] = [
        CostCase(description: "SEV1", facts: incident(), cost: 60 * 1.0 + 20),
        CostCase(description: "SEV2", facts: incident(severity: .sev2), cost: 30 + 20),
        CostCase(description: "SEV3", facts: incident(severity: .sev3), cost: 15 + 20),
        CostCase(description: "SEV4", facts: incident(severity: .sev4), cost: 6 + 20),
        CostCase(description: "missing severity counts 0.25", facts: incident(severity: nil), cost: 15 + 20),
        CostCase(
            description: "customer-detected ×1.5", facts: incident(severity: .sev2, detected: .customer), cost: 75),
        CostCase(description: "staff-detected ×1", facts: incident(detected: .staff), cost: 80),
        CostCase(description: "decay at 0 days", facts: incident(daysAgo: 0), cost: 80),
        CostCase(description: "one half-life", facts: incident(daysAgo: 180), cost: 40),
        CostCase(description: "two half-lives", facts: incident(daysAgo: 360), cost: 20),
        CostCase(description: "half a day", facts: incident(daysAgo: 0.5), cost: 80 * pow(0.5, 0.5 / 180)),
        CostCase(description: "no tickets stated", facts: incident(tickets: nil), cost: 60),
        CostCase(description: "after as-of is ignored", facts: incident(daysAgo: -1), cost: nil),
        CostCase(
            description: "no date is ignored",
            facts: IncidentFacts(
                key: "X-1", startedAt: nil, outageMinutes: 5, severity: .sev1, detectedBy: .alert, tickets: 0),
            cost: nil),
    ]

    @Test(arguments: costCases)
    func incidentCost(_ c: CostCase) throws {
        let cost = IncidentCost(c.facts, weights: Self.weights, asOf: Self.asOf)
        guard let expected = c.cost else {
            #expect(cost == nil)
            return
        }
        let computed = try #require(cost).cost
        #expect(abs(computed - expected) < 1e-9, "\(computed) != \(expected)")
    }

    @Test func missingSeverityIsFlagged() throws {
        let cost = try #require(IncidentCost(Self.incident(severity: nil), weights: Self.weights, asOf: Self.asOf))
        #expect(cost.severityMissing && cost.severityWeight == 0.25)
    }

    static func item(
        _ key: String, estimate: Double? = 2, status: ActionStatus = .open, links: [(String, Double)]
    ) -> Action {
        Action(
            key: key, title: key, estimate: estimate, status: status, team: "CORE",
            links: links.map { Action.Link(incident: $0.0, coverage: $0.1) })
    }

    static let facts: [String: IncidentFacts] = [
        "INC-1": incident("INC-1"),  // 80
        "INC-2": incident("INC-2", severity: .sev2),  // 50
        "INC-3": incident("INC-3", daysAgo: -5),  // after as-of: 0
    ]

    @Test func rankingFollowsPriorityThenValueThenNaturalKeyOrder() {
        let items = [
            Self.item("ACT-10", estimate: 1, links: [("INC-2", 0.8)]),  // 40 / 1 = 40
            Self.item("ACT-2", estimate: 1, links: [("INC-2", 0.8)]),  // 40 / 1 = 40, ties ACT-10: natural order
            Self.item("ACT-3", estimate: 2, links: [("INC-1", 1)]),  // 80 / 2 = 40, higher value first
            Self.item("ACT-4", estimate: nil, links: [("INC-1", 0.5), ("INC-2", 1)]),  // 90 / 3 = 30
            Self.item("ACT-5", links: [("INC-3", 1)]),  // 0
            Self.item("ACT-6", status: .done, links: [("INC-1", 1)]),
            Self.item("ACT-7", status: .wontfix, links: [("INC-1", 1)]),
            Self.item("ACT-8", status: .claimed, links: [("INC-1", 0.25)]),  // 20 / 2 = 10
        ]
        let ranked = BacklogRanking.rank(items, incidents: Self.facts, weights: Self.weights, asOf: Self.asOf)
        #expect(ranked.map(\.key) == ["ACT-3", "ACT-2", "ACT-10", "ACT-4", "ACT-8", "ACT-5"])
        #expect(ranked.map(\.rank) == [1, 2, 3, 4, 5, 6])
        let four = ranked[3]
        #expect(four.value == 90 && four.effort == 3 && !four.estimated && four.priority == 30)
        #expect(ranked[0].value == 80 && ranked[0].priority == 40 && ranked[0].estimated)
    }

    @Test func explanationAddsUpToTheValue() throws {
        let item = Self.item("ACT-4", estimate: nil, links: [("INC-1", 0.5), ("INC-2", 1), ("INC-3", 1)])
        let e = BacklogRanking.explain(item, incidents: Self.facts, weights: Self.weights, asOf: Self.asOf)
        #expect(e.terms.map(\.contribution) == [40, 50, 0])
        #expect(e.terms[2].ignored == "started after the as-of time")
        #expect(e.value == 90 && e.priority == 30)
        let first = try #require(e.terms[0].cost)
        #expect(first.minutesTerm == 60 && first.ticketTerm == 20 && first.decay == 1)
    }

    /// The explanation's wording, which `backlog --explain` and the web app's action page both show.
    @Test func explanationFiguresAndTotalAreWordedOnce() throws {
        let item = Self.item("ACT-4", estimate: nil, links: [("INC-1", 0.5), ("INC-3", 1)])
        let e = BacklogRanking.explain(item, incidents: Self.facts, weights: Self.weights, asOf: Self.asOf)
        #expect(e.totalText == "value 40.00 / effort 3 (unestimated: team default) = priority 13.33")
        let f = try #require(e.terms[0].figures)
        #expect(
            [f.minutes, f.severity, f.ticketWeight, f.tickets, f.detect, f.age, f.halfLife]
                == ["60", "1", "2", "10", "1", "0.0", "180"])
        #expect(
            [f.undecayed, f.decay, f.cost, f.coverage, f.contribution] == ["80.00", "1.0000", "80.00", "0.5", "40.00"])
        #expect(e.terms[1].figures == nil && e.terms[1].ignoredText == "started after the as-of time")

        let missing = Self.incident("INC-9", severity: nil)
        let unsevered = BacklogRanking.explain(
            Self.item("ACT-9", estimate: 2, links: [("INC-9", 1)]), incidents: ["INC-9": missing],
            weights: Self.weights,
            asOf: Self.asOf)
        #expect(unsevered.terms[0].figures?.severity == "0.25 (severity missing)")
        #expect(unsevered.totalText == "value 35.00 / effort 2 = priority 17.50")
    }

    /// Random teams for the properties below.
    static func randomTeam(seed: UInt64) -> ([Action], [String: IncidentFacts]) {
        var random = SeededRandom(seed: seed)
        var facts: [String: IncidentFacts] = [:]
        for n in 1...12 {
            let key = "INC-\(n)"
            facts[key] = IncidentFacts(
                key: key, startedAt: asOf.addingTimeInterval(-Double.random(in: 0...720, using: &random) * 86_400),
                outageMinutes: Int.random(in: 0...400, using: &random),
                severity: Bool.random(using: &random) ? Severity.allCases.randomElement(using: &random) : nil,
                detectedBy: DetectionSource.allCases.randomElement(using: &random)!,
                tickets: Int.random(in: 0...200, using: &random))
        }
        let items = (1...15).map { n in
            let links = (1...Int.random(in: 1...4, using: &random)).map { _ in
                ("INC-\(Int.random(in: 1...12, using: &random))", [0.25, 0.5, 1].randomElement(using: &random)!)
            }
            let unique = Dictionary(links, uniquingKeysWith: { a, _ in a }).map { ($0.key, $0.value) }
            return item("ACT-\(n)", estimate: [nil, 1, 2, 3, 5, 8].randomElement(using: &random)!, links: unique)
        }
        return (items, facts)
    }

    @Test(arguments: [
        ("--explain", [String](), nil),
        ("--explain", ["--mine"], "--explain explains the whole backlog; drop --mine"),
        ("explain", ["unclaimed", "category"], "explain explains the whole backlog; drop unclaimed and category"),
    ])
    func explainingTakesNoFilter(explain: String, filters: [String], refusal: String?) {
        #expect(BacklogFilter.explainRefusal(explain: explain, filters: filters) == refusal)
    }

    /// `order` gathers each item into its place; every item must arrive
    /// whole (title, incidents, claimant) and in the comparison's order, ties included.
    @Test(arguments: 1...20)
    func orderingMovesEveryItemWholeIntoTheComparisonsOrder(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed))
        let items = (0..<Int.random(in: 0...400, using: &random)).map { n in
            let value = Double(Int.random(in: 0...6, using: &random)) * 12.5
            let effort = [1.0, 2, 3, 5].randomElement(using: &random)!
            return RankedItem(
                rank: 0, key: "ACT-\(Int.random(in: 1...9, using: &random))\(n)",
                title: "A title long enough to live on the heap, number \(n)", kind: .prevent,
                status: Bool.random(using: &random) ? .open : .claimed, value: value, effort: effort,
                estimated: true, priority: value / effort, incidents: (0..<(n % 4)).map { "INC-\($0)-\(n)" },
                claimedBy: n.isMultiple(of: 3) ? "engineer-\(n)" : nil)
        }
        let expected = items.sorted { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            if a.value != b.value { return a.value > b.value }
            return ItemKey.naturalLess(a.key, b.key)
        }.enumerated().map { position, item in
            var item = item
            item.rank = position + 1
            return item
        }
        #expect(BacklogRanking.order(items) == expected)
    }

    @Test(arguments: 1...50)
    func addingAnIncidentNeverLowersALinkedValue(seed: Int) {
        var (items, facts) = Self.randomTeam(seed: UInt64(seed))
        let before = Dictionary(
            uniqueKeysWithValues: BacklogRanking.rank(items, incidents: facts, weights: Self.weights, asOf: Self.asOf)
                .map { ($0.key, $0.value) })
        facts["INC-99"] = Self.incident("INC-99", daysAgo: 30, severity: .sev3, detected: .customer, tickets: 7)
        items[seed % items.count].links.append(.init(incident: "INC-99", coverage: 0.5))
        let after = BacklogRanking.rank(items, incidents: facts, weights: Self.weights, asOf: Self.asOf)
        for item in after { #expect(item.value >= before[item.key]!) }
        #expect(after.first { $0.key == items[seed % items.count].key }!.value > before[items[seed % items.count].key]!)
    }

    @Test(arguments: [0.5, 2, 10, 1000])
    func scalingEveryWeightByKScalesValuesAndKeepsTheOrder(k: Double) {
        let (items, facts) = Self.randomTeam(seed: UInt64(k * 7))
        var scaled = Self.weights
        scaled.ticketWeight *= k
        scaled.severityWeights = scaled.severityWeights.map { $0 * k }
        let base = BacklogRanking.rank(items, incidents: facts, weights: Self.weights, asOf: Self.asOf)
        let bigger = BacklogRanking.rank(items, incidents: facts, weights: scaled, asOf: Self.asOf)
        #expect(bigger.map(\.key) == base.map(\.key))
        for (a, b) in zip(base, bigger) { #expect(abs(b.value - k * a.value) <= 1e-9 * max(1, k * a.value)) }
    }

    /// A stored plan finds its unplanned items' scores by `positions(of:)`: in rank order in one
    /// walk, and any key out of that order or missing still right.
    @Test(
        arguments: [
            (["ACT-2", "ACT-4"], [1, 3]), (["ACT-1", "ACT-2", "ACT-3", "ACT-4", "ACT-5"], [0, 1, 2, 3, 4]),
            (["ACT-4", "ACT-2"], [3, 1]), (["ACT-9", "ACT-3"], [nil, 2]), (["ACT-5", "ACT-5"], [4, 4]), ([], []),
        ] as [([String], [Int?])])
    func positionsInTheRankingAreFoundInAndOutOfOrder(keys: [String], expected: [Int?]) {
        let ranked = (1...5).map {
            RankedItem(
                rank: $0, key: "ACT-\($0)", title: "", kind: .prevent, status: .open, value: 1, effort: 1,
                estimated: true, priority: 1, incidents: [], claimedBy: nil)
        }
        #expect(ranked.positions(of: keys) == expected)
    }
}

import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@Suite("Backlog ranking through PostgreSQL")
struct BacklogStoreTests {
    static let asOf = ReportDate.parse("2026-11-28")!

    static func loadDemo(into db: Database) async throws {
        try await Fixtures.team(in: db)
        let files = try FileManager.default.contentsOfDirectory(
            at: Fixtures.demoReports, includingPropertiesForKeys: nil)
        for file in files.sorted(by: { $0.path < $1.path }) {
            try await Fixtures.importReport(String(contentsOf: file, encoding: .utf8), file: file.path, into: db)
        }
    }

    static func expectSameRanking(_ sql: [RankedItem], _ pure: [RankedItem]) {
        #expect(sql.map(\.key) == pure.map(\.key))
        for (a, b) in zip(sql, pure) {
            #expect(abs(a.value - b.value) <= 1e-9 * max(1, b.value), "\(a.key): \(a.value) vs \(b.value)")
            #expect(a.effort == b.effort && a.estimated == b.estimated && a.incidents == b.incidents)
            #expect(a.rank == b.rank && a.status == b.status && a.claimedBy == b.claimedBy && a.title == b.title)
        }
    }

    /// The store's ranking of team CORE as of `asOf`, once checked against the pure function's.
    static func rankCheckedAgainstThePureFunction(
        _ store: BacklogStore, asOf: Date = BacklogStoreTests.asOf
    ) async throws -> [RankedItem] {
        let sql = try await store.rank(team: "CORE", asOf: asOf)
        let snapshot = try await store.snapshot(team: "CORE")
        let pure = BacklogRanking.rank(
            snapshot.items, incidents: snapshot.incidentsByKey, weights: snapshot.team.weights, asOf: asOf)
        expectSameRanking(sql, pure)
        return sql
    }

    @Test(arguments: ["2026-11-28", "2026-03-01", "2025-07-01"])
    func theStoreRanksAsThePureFunctionDoes(asOf text: String) async throws {
        let asOf = ReportDate.parse(text)!
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Self.loadDemo(into: db)
            let sql = try await Self.rankCheckedAgainstThePureFunction(BacklogStore(database: db), asOf: asOf)
            #expect(!sql.isEmpty)
        }
    }

    @Test func doneAndWontfixAreNotRankedAndWeightsChangeTheRanking() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Self.loadDemo(into: db)
            let store = BacklogStore(database: db)
            var done = ActionStore.Changes()
            done.status = .done
            try await ActionStore(database: db).set("ACT-44", changes: done, actor: "t")
            done.status = .wontfix
            try await ActionStore(database: db).set("ACT-28", changes: done, actor: "t")
            let ranked = try await store.rank(team: "CORE", asOf: Self.asOf)
            #expect(ranked.count == 47)
            #expect(!ranked.contains { $0.key == "ACT-44" || $0.key == "ACT-28" })
            #expect(ranked.first?.key == "ACT-38")

            try await TeamStore(database: db).update("CORE", actor: "t") {
                $0.weights.ticketWeight = 0
                $0.weights.customerMultiplier = 1
                $0.weights.halfLifeDays = 30
            }
            let reweighted = try await Self.rankCheckedAgainstThePureFunction(store)
            #expect(reweighted.map(\.key) != ranked.map(\.key))
        }
    }

    // Weights as tiny as 1e-300 or 5e-324 made the team's backlog fail in PostgreSQL ("value out of
    // range: underflow", found by scripts/api-fuzz); 0.001 story points could make a priority infinite.
    @Test(arguments: [
        ("ticket weight", -1.0), ("half-life", 0), ("default estimate", -3), ("customer multiplier", .nan),
        ("ticket weight", 1e-300), ("customer multiplier", 5e-324), ("ticket weight", 1e7),
        ("default estimate", 0.001),
    ])
    func badWeightsAreRefusedAndChangeNothing(setting: String, value: Double) async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let teams = TeamStore(database: db)
            await #expect(throws: StoreError.self) {
                try await teams.update("CORE", actor: "t") {
                    $0.weights.ticketWeight = 5  // a good change in the same update must not land either
                    switch setting {
                    case "ticket weight": $0.weights.ticketWeight = value
                    case "half-life": $0.weights.halfLifeDays = value
                    case "default estimate": $0.weights.defaultEstimate = value
                    default: $0.weights.customerMultiplier = value
                    }
                }
            }
            #expect(try await teams.get("CORE").weights == ScoringWeights())
        }
    }

    /// Costs of 2^30 and more are summed as numeric beside the bigint units (ValueSum); the values
    /// still agree with the pure ranking.
    @Test func costsTooLargeForUnitsRankAsThePureFunction() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Self.loadDemo(into: db)
            try await db.client.query("UPDATE incidents SET tickets = tickets * 1000 + 1", logger: db.logger)
            try await TeamStore(database: db).update("CORE", actor: "t") { $0.weights.ticketWeight = 1_000_000 }
            let ranked = try await Self.rankCheckedAgainstThePureFunction(BacklogStore(database: db))
            #expect(ranked.contains { $0.value >= 0x1p30 * 4 })
        }
    }

    /// The smallest cost the bounds allow (coverage, ticket weight and customer multiplier at
    /// their least, no outage minutes, one ticket, the oldest decay that still counts) is about
    /// 1e-310: PostgreSQL, which fails a float8 product that underflows to 0, ranks it, and agrees
    /// with the pure ranking. Summed in units of 2^-32 (ValueSum), such a value is 0.
    @Test func theSmallestCostsTheBoundsAllowRankWithoutUnderflow() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Self.loadDemo(into: db)
            for sql in [
                "UPDATE incidents SET outage_minutes = 0, tickets = 1, detected_by = 'customer'",
                "UPDATE action_incidents SET coverage = \(ScoringBounds.coverage.lowerBound)",
            ] {
                try await db.client.query(PostgresQuery(unsafeSQL: sql), logger: db.logger)
            }
            let store = BacklogStore(database: db)
            let incidents = try await store.snapshot(team: "CORE").incidents.filter { $0.startedAt != nil }
            let oldest = try #require(incidents.min { $0.startedAt! < $1.startedAt! })
            let actions = ActionStore(database: db)
            let only = try await actions.add(title: "Only the oldest", team: "CORE", changes: .init(), actor: "t")
            try await actions.link(only, to: oldest.key, coverage: ScoringBounds.coverage.lowerBound, actor: "t")
            try await TeamStore(database: db).update("CORE", actor: "t") {
                $0.weights.ticketWeight = ScoringBounds.weight.lowerBound
                $0.weights.customerMultiplier = ScoringBounds.weight.lowerBound
                // The oldest incident is just inside the last half-life that still counts.
                $0.weights.halfLifeDays =
                    Self.asOf.timeIntervalSince(oldest.startedAt!) / 86_400
                    / (IncidentCost.forgottenAfterHalfLives - 0.01)
            }
            let ranked = try await Self.rankCheckedAgainstThePureFunction(store)
            let smallest = try #require(ranked.first { $0.key == only }?.value)
            #expect(smallest == 0)
        }
    }
}

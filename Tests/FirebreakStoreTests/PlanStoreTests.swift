import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

@Suite("Plans through PostgreSQL")
struct PlanStoreTests {
    static let asOf = ReportDate.parse("2026-11-28")!

    static func demo(into db: Database) async throws {
        try await BacklogStoreTests.loadDemo(into: db)
        for handle in ["amara", "ben", "chloe", "dev", "eli"] {
            try await TeamStore(database: db).addEngineer(
                Engineer(handle: handle, displayName: handle, team: "CORE"), actor: "t")
        }
    }

    @Test func aPlanIsStoredNumberedAndReadBackUnchanged() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Self.demo(into: db)
            let store = PlanStore(database: db)
            let plan = try await store.generate(team: "CORE", asOf: Self.asOf, horizon: 6, actor: "t")
            #expect(plan.number == 1)
            #expect(plan.sprints.map(\.number) == [24, 25, 26, 27, 28, 29])
            // Saturday 28 November: sprint 24 has Monday 30 to Friday 4 left, 5 of its 10 working days.
            #expect(plan.sprints[0].kind == .improvement && plan.sprints[0].backlogCapacity == 20)
            #expect(plan.sprints[1].capacity == 40)
            #expect(plan.sprints[0].used <= 20)
            #expect(try await store.get(team: "CORE", number: 1) == plan)
            #expect(try await store.get(team: "CORE", number: nil) == plan)
            // The unplanned items' scores, written by hand into the body, are the ranking's.
            let ranked = try await BacklogStore(database: db).rank(team: "CORE", asOf: Self.asOf)
            let rows = try await db.client.query(
                """
                SELECT u.key, u.rank::int8, u.value, u.effort FROM plans p,
                    unnest(p.unplanned_keys, p.unplanned_ranks, p.unplanned_values, p.unplanned_efforts)
                        WITH ORDINALITY u(key, rank, value, effort, n)
                WHERE p.number = 1 ORDER BY u.n
                """, logger: db.logger)
            var stored: [String] = []
            for try await (key, rank, value, effort) in rows.decode((String, Int, Double, Double).self) {
                stored.append(key)
                let item = try #require(ranked.first { $0.key == key })
                #expect(rank == item.rank && value == item.value && effort == item.effort, "\(key)")
            }
            #expect(stored == plan.unplanned.map(\.key) && !stored.isEmpty)
            // The same data gives the same plan, under a new number.
            var second = try await store.generate(team: "CORE", asOf: Self.asOf, horizon: 6, actor: "t")
            #expect(second.number == 2)
            second.number = 1
            #expect(second == plan)
            await #expect(throws: PSQLError.self) { try await db.client.query("UPDATE plans SET body = '{}'") }
            #expect(try await store.list(team: "CORE").map(\.number) == [1, 2])
        }
    }

    @Test func aDryRunStoresNothingAndComputesThePlanThatIsStoredNext() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Self.demo(into: db)
            let store = PlanStore(database: db)
            let count: PostgresQuery =
                "SELECT ((SELECT count(*) FROM plans) + (SELECT count(*) FROM audit_entries))::int"
            let before = try await Fixtures.count(count, in: db)
            let preview = try await store.preview(team: "CORE", asOf: Self.asOf, horizon: 6)
            #expect(preview.number == 0 && !preview.placements.isEmpty)
            #expect(try await Fixtures.count(count, in: db) == before)
            #expect(try await Fixtures.count("SELECT count(*)::int FROM plans", in: db) == 0)
            var stored = try await store.generate(team: "CORE", asOf: Self.asOf, horizon: 6, actor: "t")
            #expect(stored.number == 1)
            stored.number = 0
            #expect(stored == preview)
            await #expect(throws: StoreError.self) {
                try await store.preview(team: "NOPE", asOf: Self.asOf, horizon: 6)
            }
        }
    }

    @Test func storedPlansKeepTheirReasonsAndTheSchemaRefusesAPlanWithout() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Self.demo(into: db)
            let store = PlanStore(database: db)
            let plan = try await store.generate(team: "CORE", asOf: Self.asOf, horizon: 6, actor: "t")
            let read = try await store.get(team: "CORE", number: 1)
            #expect(read.placements.allSatisfy { $0.item.reason != nil && $0.item.reasonText?.isEmpty == false })
            #expect(read.unplanned.map(\.reasonText) == plan.unplanned.map(\.reasonText))
            #expect(read == plan)
            let insert = """
                INSERT INTO plans (team_id, number, as_of, parameters, body, created_by,
                    unplanned_keys, unplanned_ranks, unplanned_values, unplanned_efforts)
                """
            let refused: [PostgresQuery] = [
                // a placed item without its reason, with an unknown one, and an unknown unplanned letter
                #"SELECT id, 9, now(), '{}', '{"sprints": [{"items": [{"key": "ACT-1"}]}]}', 't', '{}', '{}', '{}', '{}' FROM teams"#,
                #"SELECT id, 9, now(), '{}', '{"sprints": [{"items": [{"reason": "luck", "reasonText": "x"}]}]}', 't', '{}', '{}', '{}', '{}' FROM teams"#,
                #"SELECT id, 9, now(), '{}', '{"sprints": [], "unplannedReasons": "cq"}', 't', '{}', '{}', '{}', '{}' FROM teams"#,
                // an unplanned key without its rank, value and effort
                #"SELECT id, 9, now(), '{}', '{"sprints": [], "unplannedReasons": "c"}', 't', '{ACT-1}', '{}', '{}', '{}' FROM teams"#,
            ]
            for select in refused {
                await #expect(throws: PSQLError.self, "\(select.sql)") {
                    try await db.client.query(PostgresQuery(unsafeSQL: insert + select.sql))
                }
            }
            // The same statement with everything in place is taken.
            try await db.client.query(
                PostgresQuery(
                    unsafeSQL: insert
                        + #"SELECT id, 9, now(), '{}', '{"team": "CORE", "number": 9, "asOf": "2026-11-28T00:00:00Z", "sprints": [], "#
                        + #""blockedBy": {}, "unplannedReasons": "c", "warnings": []}', 't', '{ACT-1}', '{1}', '{2.5}', '{3}' FROM teams"#
                ))
            #expect(try await store.get(team: "CORE", number: 9).unplanned.map(\.value) == [2.5])
        }
    }

    @Test func twoManagersPlanningAtOnceGetTwoConsistentPlans() async throws {
        try await TestDatabase.withFresh { fresh in
            try await Self.demo(into: fresh.database)
            let plans = try await withThrowingTaskGroup(of: Plan.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await fresh.withSeparateConnection { db in
                            try await PlanStore(database: db).generate(
                                team: "CORE", asOf: Self.asOf, horizon: 6, actor: "t")
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(plans.map(\.number).sorted() == [1, 2, 3, 4])
            let bodies = Set(plans.map { p -> [String] in p.placements.map { "\($0.sprint.number) \($0.item.key)" } })
            #expect(bodies.count == 1)
        }
    }

    @Test func claimedItemsArePinnedToTheFirstSprintAndDiffShowsTheMove() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Self.demo(into: db)
            let store = PlanStore(database: db)
            let first = try await store.generate(team: "CORE", asOf: Self.asOf, horizon: 6, actor: "t")
            let late = try #require(first.placements.last { $0.sprint.number > 24 }).item.key
            try await ClaimStore(database: db).claim(late, by: "amara")
            var done = ActionStore.Changes()
            done.status = .done
            let gone = first.sprints[0].items[0].key
            try await ActionStore(database: db).set(gone, changes: done, actor: "t")
            let second = try await store.generate(team: "CORE", asOf: Self.asOf, horizon: 6, actor: "t")
            #expect(second.sprints[0].items.contains { $0.key == late && $0.claimedBy == "amara" })
            let diff = PlanDiff(first, second)
            #expect(diff.left.contains { $0.key == gone && $0.from == 24 })
            #expect(diff.moved.contains { $0.key == late && $0.to == 24 })
            #expect(diff.sprints.count == 6)
        }
    }

    @Test func timeOffLowersTheSprintsCapacity() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Self.demo(into: db)
            try await TeamStore(database: db).addTimeOff(
                "amara", from: CalendarDate("2026-11-23")!, to: CalendarDate("2026-11-27")!, actor: "t")
            let sprint = try await PlanStore(database: db).calendar(team: "CORE").sprint(24)
            #expect(sprint.capacity == 36 && sprint.backlogCapacity == 36)
            await #expect(throws: StoreError.notFound("no engineer zed")) {
                try await TeamStore(database: db).addTimeOff(
                    "zed", from: CalendarDate("2026-11-23")!, to: CalendarDate("2026-11-27")!, actor: "t")
            }
        }
    }

    @Test func planWarningsSeeDoneButNotWontfixDetectActions() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Self.demo(into: db)
            let store = PlanStore(database: db)
            func gaps() async throws -> [String] {
                try await store.generate(team: "CORE", asOf: Self.asOf, horizon: 2, actor: "t").warnings
                    .filter { $0.code == .noDetectAction || $0.code == .noAction }.map { "\($0.code) \($0.key)" }
            }
            let before = try await gaps()
            #expect(
                before == [
                    "no-detect-action INC-5", "no-detect-action INC-16", "no-detect-action INC-22", "no-action INC-11",
                ])
            var change = ActionStore.Changes()
            change.status = .done  // INC-23's only detect action, done: the incident still has its alert
            try await ActionStore(database: db).set("ACT-44", changes: change, actor: "t")
            #expect(try await gaps() == before)
            change.status = .wontfix  // won't fix: no alert after all
            try await ActionStore(database: db).set("ACT-44", changes: change, actor: "t")
            #expect(
                try await gaps() == [
                    "no-detect-action INC-5", "no-detect-action INC-16", "no-detect-action INC-22",
                    "no-detect-action INC-23", "no-action INC-11",
                ])
            // The plan's gaps are lint's gaps.
            let snapshot = try await BacklogStore(database: db).snapshot(team: "CORE")
            let lint = LintRules.all(incidents: snapshot.incidents, items: snapshot.items, asOf: Self.asOf)
                .filter { $0.code == .noDetectAction || $0.code == .noAction }.map { "\($0.code) \($0.key)" }
            #expect(try await gaps() == lint)
        }
    }

    /// Plans stored before migration 0017 kept their unplanned items in the body: the migration
    /// moves them into the arrays, and the plan reads back as it was stored.
    @Test func plansStoredBeforeTheArraysReadBackWhole() async throws {
        try await TestDatabase.withFresh(migrated: false) { fresh in
            let db = fresh.database
            try await Migrator(database: db).migrate(upTo: 16)
            try await Fixtures.team(in: db)
            try await db.client.query(
                """
                INSERT INTO plans (team_id, number, as_of, parameters, body, created_by)
                SELECT id, 1, '2026-11-28T00:00:00Z', '{}', jsonb_build_object(
                    'team', 'CORE', 'number', 1, 'asOf', '2026-11-28T00:00:00Z', 'sprints', '[]'::jsonb,
                    'blockedBy', '{"ACT-10": ["ACT-2"]}'::jsonb, 'unplannedKeys', '["ACT-2", "ACT-10"]'::jsonb,
                    'unplannedReasons', 'cb', 'unplannedRanks', '[1, 2]'::jsonb,
                    'unplannedValues', '[2.5, 0.125]'::jsonb, 'unplannedEfforts', '[3, 0.5]'::jsonb,
                    'warnings', '[]'::jsonb), 'test'
                FROM teams
                """, logger: db.logger)
            #expect(try await Migrator(database: db).migrate(upTo: 17) == ["0017_plan_unplanned_columns.sql"])
            let plan = try await PlanStore(database: db).get(team: "CORE", number: 1)
            #expect(plan.unplanned.map(\.key) == ["ACT-2", "ACT-10"])
            #expect(plan.unplanned.map(\.reason) == [.noCapacity, .blockedBy])
            #expect(plan.unplanned.map(\.value) == [2.5, 0.125])
            #expect(plan.unplanned.map(\.effort) == [3, 0.5])
            #expect(plan.unplanned[1].blockedBy == ["ACT-2"])
            #expect(
                try await Fixtures.count(
                    "SELECT count(*)::int FROM plans WHERE body ?| '{unplannedKeys,unplannedRanks}'", in: db) == 0)
            #expect(
                try await Fixtures.count("SELECT unplanned_ranks[2] FROM plans WHERE number = 1", in: db) == 2)
            // Still immutable, trigger and check back in place.
            await #expect(throws: PSQLError.self) { try await db.client.query("UPDATE plans SET number = 2") }
        }
    }
}

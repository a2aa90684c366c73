import FirebreakCore
public import FirebreakStore
public import Foundation
import PostgresNIO

/// A synthetic team at a given scale, made in bulk by PostgreSQL itself (seeded, so every run
/// gets the same data): for the benchmarks and for the tests that need volume.
public enum SyntheticTeam {
    public static let key = "BENCH"
    public static let asOf = ReportDate.parse("2026-11-28")!

    public static func create(in db: Database, incidents: Int, actions: Int, links: Int) async throws {
        try await db.client.withConnection { c in
            let logger = db.logger
            try await c.query("SELECT setseed(0.42)", logger: logger)
            try await c.query("INSERT INTO teams (key, name) VALUES (\(key), 'Benchmark team')", logger: logger)
            try await c.query(
                """
                INSERT INTO incidents (key, title, started_at, outage_minutes, severity, detected_by, tickets, status, team_id)
                SELECT 'BI-' || g, 'Synthetic incident ' || g,
                    \(asOf)::timestamptz - (random() * 720) * interval '1 day',
                    (random() * 300)::int, 1 + (random() * 3.99)::int % 4,
                    (ARRAY['alert', 'customer', 'staff', 'unknown'])[1 + (random() * 3.99)::int % 4],
                    (random() * 150)::int, 'published', (SELECT id FROM teams WHERE key = \(key))
                FROM generate_series(1, \(incidents)) g
                """, logger: logger)
            try await c.query(
                """
                INSERT INTO actions (key, title, kind, estimate, status, team_id)
                SELECT 'BA-' || g, 'Synthetic action ' || g,
                    (ARRAY['detect', 'prevent', 'mitigate', 'process'])[1 + (random() * 3.99)::int % 4],
                    CASE WHEN random() < 0.15 THEN NULL ELSE (ARRAY[1, 2, 3, 5, 8, 13])[1 + (random() * 5.99)::int % 6] END,
                    'open', (SELECT id FROM teams WHERE key = \(key))
                FROM generate_series(1, \(actions)) g
                """, logger: logger)
            // Action g links incidents (g * 7 + k * 997) mod n for k < links per action: distinct pairs.
            let perAction = links / actions
            let extra = links % actions
            try await c.query(
                """
                INSERT INTO action_incidents (action_id, incident_id, coverage, position)
                SELECT a.id, i.id, (ARRAY[0.25, 0.5, 1, 1])[1 + (random() * 3.99)::int % 4], k
                FROM generate_series(1, \(actions)) g
                CROSS JOIN LATERAL generate_series(0, \(perAction) - 1 + CASE WHEN g <= \(extra) THEN 1 ELSE 0 END) k
                JOIN actions a ON a.key = 'BA-' || g
                JOIN incidents i ON i.key = 'BI-' || (1 + (g * 7 + k * 997) % \(incidents))
                """, logger: logger)
            // VACUUM as well as ANALYZE: a table just filled in bulk has no hint bits and no visibility
            // map, so the first reads would write every page, and autovacuum would come to it during the
            // timed rounds; a team's tables in use have long been vacuumed.
            try await c.query("VACUUM (ANALYZE)", logger: logger)
        }
    }

    /// `count` engineers of 8 points each.
    public static func addEngineers(_ count: Int, to db: Database) async throws {
        for n in 1...count {
            try await TeamStore(database: db).addEngineer(
                Engineer(handle: "bench\(n)", displayName: "Bench \(n)", team: key), actor: "bench")
        }
    }

    /// The baseline: the formula as one bare `GROUP BY` over the same rows, read to the end.
    public static func bareAggregate(_ db: Database, asOf: Date) async throws -> Int {
        let rows = try await db.client.query(
            """
            SELECT l.action_id, sum(l.coverage * (
                (coalesce(i.outage_minutes, 0) * (CASE i.severity WHEN 1 THEN 1.0 WHEN 2 THEN 0.5 WHEN 3 THEN 0.25
                    WHEN 4 THEN 0.1 ELSE 0.25 END) + 2.0 * coalesce(i.tickets, 0))
                * (CASE WHEN i.detected_by = 'customer' THEN 1.5 ELSE 1.0 END)
                * power(0.5::float8, (extract(epoch FROM (\(asOf)::timestamptz - i.started_at))::float8 / 86400.0) / 180.0)))
            FROM action_incidents l
            JOIN incidents i ON i.id = l.incident_id
            JOIN actions a ON a.id = l.action_id
            WHERE a.team_id = (SELECT id FROM teams WHERE key = \(key)) AND a.status IN ('open', 'claimed')
                AND i.started_at <= \(asOf)
            GROUP BY l.action_id
            """, logger: db.logger)
        var count = 0
        for try await _ in rows.decode((Int, Double).self) { count += 1 }
        return count
    }
}

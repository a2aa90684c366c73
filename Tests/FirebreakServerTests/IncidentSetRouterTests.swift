import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import PostgresNIO
import Testing

/// The API's side of `firebreak incident set` and of a team's severity aliases.
@Suite("Incident set and severity aliases over the API")
struct IncidentSetRouterTests {
    /// A draft with no start, outage time, severity or tickets.
    static func draft(in db: Database) async throws {
        try await db.client.query(
            """
            INSERT INTO incidents (key, title, status, team_id)
            SELECT 'PM2026-001', 'Search was down', 'draft', id FROM teams WHERE key = 'CORE'
            """)
    }

    @Test func patchFillsInADraftWithStartedAtAndPublishesIt() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await Self.draft(in: fresh.database)
            try await ServerFixture.withRouter(fresh.database) { client in
                let read = try await client.send(.get, "/v1/incidents/PM2026-001", token: tokens.viewer)
                #expect(read.object["status"] as? String == "draft")
                #expect(
                    read.object["missing"] as? [String]
                        == ["date", "outage time", "severity", "number of support tickets raised"])
                let tag = try #require(read.headers[.eTag])
                let answer = try await client.send(
                    .patch, "/v1/incidents/PM2026-001", token: tokens.manager,
                    json:
                        #"{"startedAt": "2026-03-02T08:55:00+01:00", "outageMinutes": 95, "severity": 2, "tickets": 14}"#,
                    headers: [.ifMatch: tag])
                #expect(answer.status == .ok, "\(answer.text)")
                #expect(answer.object["startedAt"] as? String == "2026-03-02T07:55:00Z")
                #expect(answer.object["status"] as? String == "published")
                #expect(answer.object["missing"] as? [String] == [])
                #expect(answer.headers[.eTag] != nil && answer.headers[.eTag] != tag)
            }
            let rows = try await fresh.database.client.query(
                "SELECT actor, details::text FROM audit_entries WHERE subject = 'PM2026-001' AND verb = 'incident.set'")
            var entries: [(String, String)] = []
            for try await entry in rows.decode((String, String).self) { entries.append(entry) }
            #expect(entries.count == 1)
            #expect(entries.first?.0 == "api:manager")
            #expect(
                entries.first?.1.contains(#""startedAt": {"after": "2026-03-02T07:55:00Z", "before": null}"#) == true)
            #expect(entries.first?.1.contains(#""status": {"after": "published", "before": "draft"}"#) == true)
        }
    }

    /// The body's severity takes what `firebreak incident set --severity` takes: a level, a name on a
    /// named scale, or one of the incident's team's aliases; a name neither knows is a 422 on `severity`.
    @Test func patchReadsASeverityNameAsTheCLIDoes() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await Self.draft(in: fresh.database)
            try await ServerFixture.withRouter(fresh.database) { client in
                var tag = try #require(
                    try await client.send(.get, "/v1/incidents/PM2026-001", token: tokens.viewer).headers[.eTag])
                func patch(_ body: String) async throws -> Answer {
                    let answer = try await client.send(
                        .patch, "/v1/incidents/PM2026-001", token: tokens.manager, json: body,
                        headers: [.ifMatch: tag])
                    if answer.status == .ok { tag = try #require(answer.headers[.eTag]) }
                    return answer
                }
                let unknown = try await patch(#"{"severity": "Critical"}"#)
                #expect(unknown.status == .unprocessableContent, "\(unknown.text)")
                #expect(unknown.isProblem && unknown.object["field"] as? String == "severity")
                #expect(
                    unknown.object["detail"] as? String
                        == "\"Critical\" is not one of SEV1..SEV4, P1..P4 or 1..4, nor a severity alias of team CORE "
                        + "(it has none)")
                for (body, level) in [
                    (#"{"severity": "SEV2"}"#, 2), (#"{"severity": "p1"}"#, 1), (#"{"severity": "4"}"#, 4),
                    (#"{"severity": 3}"#, 3),
                ] {
                    let answer = try await patch(body)
                    #expect(answer.status == .ok, "\(body): \(answer.text)")
                    #expect(answer.object["severity"] as? Int == level, "\(body): \(answer.text)")
                }

                let team = try await client.send(.get, "/v1/teams/CORE", token: tokens.viewer)
                let aliases = try await client.send(
                    .patch, "/v1/teams/CORE", token: tokens.manager, json: #"{"severityAliases": {"Critical": 1}}"#,
                    headers: [.ifMatch: try #require(team.headers[.eTag])])
                #expect(aliases.status == .ok, "\(aliases.text)")
                let alias = try await patch(#"{"severity": " CRITICAL "}"#)
                #expect(alias.status == .ok, "\(alias.text)")
                #expect(alias.object["severity"] as? Int == 1)
                let still = try await patch(#"{"severity": "Blocker"}"#)
                #expect(still.status == .unprocessableContent)
                #expect(
                    still.object["detail"] as? String
                        == "\"Blocker\" is not one of SEV1..SEV4, P1..P4 or 1..4, nor a severity alias of team CORE (critical=SEV1)"
                )
                for body in [#"{"severity": 7}"#, #"{"severity": "SEV5"}"#, #"{"severity": true}"#] {
                    let bad = try await patch(body)
                    #expect(bad.status.code >= 400 && bad.status.code < 500, "\(body): \(bad.text)")
                    #expect(bad.object["field"] as? String == "severity", "\(body): \(bad.text)")
                }
            }
        }
    }

    struct Bad: Sendable, CustomStringConvertible {
        var name: String
        var body: String
        var status: HTTPResponse.Status
        var field: String
        var description: String { name }
    }

    static let badBodies: [Bad] = [
        Bad(
            name: "a start that is no time", body: #"{"startedAt": "yesterday"}"#, status: .badRequest,
            field: "startedAt"),
        Bad(
            name: "a start in the year 10000", body: #"{"startedAt": "9999-12-31T23:00:00-01:00"}"#,
            status: .badRequest, field: "startedAt"),
        Bad(name: "negative tickets", body: #"{"tickets": -1}"#, status: .unprocessableContent, field: "tickets"),
        Bad(
            name: "clearing a number of a published incident", body: #"{"clear": ["severity"]}"#,
            status: .unprocessableContent, field: "severity"),
        Bad(
            name: "clearing what is not a number", body: #"{"clear": ["title"]}"#, status: .unprocessableContent,
            field: "title"),
        Bad(
            name: "clearing an unknown field", body: #"{"clear": ["colour"]}"#, status: .unprocessableContent,
            field: "clear"),
    ]

    @Test(arguments: badBodies)
    func badPatchesNameTheFieldAndChangeNothing(_ bad: Bad) async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let db = fresh.database
            let before = try await IncidentSetTestsShared.snapshot("INC-23", in: db)
            try await ServerFixture.withRouter(db) { client in
                let read = try await client.send(.get, "/v1/incidents/INC-23", token: tokens.viewer)
                #expect(read.object["status"] as? String == "published")
                let answer = try await client.send(
                    .patch, "/v1/incidents/INC-23", token: tokens.manager, json: bad.body,
                    headers: [.ifMatch: try #require(read.headers[.eTag])])
                #expect(answer.status == bad.status, "\(answer.text)")
                #expect(answer.isProblem && answer.object["field"] as? String == bad.field, "\(answer.text)")
            }
            #expect(try await IncidentSetTestsShared.snapshot("INC-23", in: db) == before)
        }
    }

    @Test func teamPatchSetsAndRemovesSeverityAliases() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                var read = try await client.send(.get, "/v1/teams/CORE", token: tokens.viewer)
                #expect(read.object["severityAliases"] as? [String: Int] == [:])
                let set = try await client.send(
                    .patch, "/v1/teams/CORE", token: tokens.manager,
                    json: #"{"severityAliases": {"Critical": 1, " Major ": 2}}"#,
                    headers: [.ifMatch: try #require(read.headers[.eTag])])
                #expect(set.status == .ok, "\(set.text)")
                #expect(set.object["severityAliases"] as? [String: Int] == ["critical": 1, "major": 2])
                let removed = try await client.send(
                    .patch, "/v1/teams/CORE", token: tokens.manager, json: #"{"severityAliases": {"CRITICAL": null}}"#,
                    headers: [.ifMatch: try #require(set.headers[.eTag])])
                #expect(removed.object["severityAliases"] as? [String: Int] == ["major": 2])
                read = try await client.send(.get, "/v1/teams/CORE", token: tokens.viewer)
                for body in [#"{"severityAliases": {"Critical": 5}}"#, #"{"severityAliases": {"P1": 1}}"#] {
                    let bad = try await client.send(
                        .patch, "/v1/teams/CORE", token: tokens.manager, json: body,
                        headers: [.ifMatch: try #require(read.headers[.eTag])])
                    #expect(bad.status == .unprocessableContent, "\(bad.text)")
                    #expect(bad.object["field"] as? String == "severityAliases")
                }
                let after = try await client.send(.get, "/v1/teams/CORE", token: tokens.viewer)
                #expect(after.object["severityAliases"] as? [String: Int] == ["major": 2])
                #expect(after.headers[.eTag] == read.headers[.eTag])
            }
        }
    }
}

/// What a PATCH may change about an incident, and its audit entries, as one text.
enum IncidentSetTestsShared {
    static func snapshot(_ key: String, in db: Database) async throws -> String {
        let rows = try await db.client.query(
            """
            SELECT row(i.title, i.description, i.started_at, i.outage_minutes, i.severity, i.detected_by, i.tickets,
                i.status, i.version)::text || ' ' || (SELECT count(*) FROM audit_entries WHERE subject = i.key)
            FROM incidents i WHERE i.key = \(key)
            """)
        for try await text in rows.decode(String.self) { return text }
        return "none"
    }
}

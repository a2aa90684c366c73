import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import PostgresNIO
import Testing

/// The API's side of `firebreak team create|set|list --all|archive|unarchive|delete`, `engineer
/// set|deactivate|list --all` and `incident history`: each change audited as the token.
@Suite("Team and engineer lifecycle over the API")
struct LifecycleRouterTests {
    /// The actors of the audit entries of `subject` with `verb`, oldest first.
    static func actors(_ verb: String, _ subject: String, in db: Database) async throws -> [String] {
        let rows = try await db.client.query(
            "SELECT actor FROM audit_entries WHERE verb = \(verb) AND subject = \(subject) ORDER BY id")
        var actors: [String] = []
        for try await actor in rows.decode(String.self) { actors.append(actor) }
        return actors
    }

    @Test func aTeamIsCreatedArchivedUnarchivedAndDeletedAsTheToken() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let created = try await client.send(
                    .post, "/v1/teams", token: tokens.manager, json: #"{"key": "OPS", "name": "Ops", "wipLimit": 3}"#)
                #expect(created.status == .created && created.headers[.eTag] == "\"v1\"", "\(created.text)")
                #expect(created.object["wipLimit"] as? Int == 3)
                let archived = try await client.send(.post, "/v1/teams/OPS/archive", token: tokens.manager)
                #expect(archived.status == .noContent, "\(archived.text)")
                let again = try await client.send(.post, "/v1/teams/OPS/archive", token: tokens.manager)
                #expect(again.status == .conflict && again.isProblem)
                let listed = try await client.send(.get, "/v1/teams", token: tokens.viewer)
                #expect(listed.array.map { $0["key"] as? String } == ["CORE"])
                #expect(listed.array.first?.keys.contains("archived") == false)
                let all = try await client.send(.get, "/v1/teams?all=true", token: tokens.viewer)
                #expect(all.array.map { $0["key"] as? String } == ["CORE", "OPS"])
                #expect(all.array.map { $0["archived"] as? Bool } == [false, true])
                #expect(all.array.map { $0["demo"] as? Bool } == [false, false])
                let bad = try await client.send(.get, "/v1/teams?all=maybe", token: tokens.viewer)
                #expect(bad.status == .badRequest && bad.object["field"] as? String == "all")
                let unarchived = try await client.send(.post, "/v1/teams/OPS/unarchive", token: tokens.manager)
                #expect(unarchived.status == .noContent)
                let withIncidents = try await client.send(.delete, "/v1/teams/CORE", token: tokens.manager)
                #expect(withIncidents.status == .conflict, "\(withIncidents.text)")
                let unknown = try await client.send(.delete, "/v1/teams/NOPE", token: tokens.manager)
                #expect(unknown.status == .notFound)
                let deleted = try await client.send(.delete, "/v1/teams/OPS", token: tokens.manager)
                #expect(deleted.status == .ok, "\(deleted.text)")
                #expect(deleted.object["team"] as? String == "OPS" && deleted.object["engineers"] as? Int == 0)
                let gone = try await client.send(.get, "/v1/teams/OPS", token: tokens.viewer)
                #expect(gone.status == .notFound)
            }
            for verb in ["team.create", "team.archive", "team.unarchive", "team.delete"] {
                #expect(try await Self.actors(verb, "OPS", in: fresh.database) == ["api:manager"], "\(verb)")
            }
        }
    }

    @Test func aTeamPatchTurnsTheBudgetOffWithNullAndRefusesAnUnknownAlias() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let on = try await client.send(
                    .patch, "/v1/teams/CORE", token: tokens.manager, json: #"{"budgetCost": 500, "budgetDays": 30}"#,
                    headers: [.ifMatch: "*"])
                let cadence = on.object["cadence"] as? [String: Any]
                #expect(on.status == .ok && cadence?["budgetDays"] as? Int == 30, "\(on.text)")
                let off = try await client.send(
                    .patch, "/v1/teams/CORE", token: tokens.manager, json: #"{"budgetCost": null, "budgetDays": null}"#,
                    headers: [.ifMatch: "*"])
                let after = off.object["cadence"] as? [String: Any]
                #expect(off.status == .ok && after?["budgetCost"] == nil && after?["budgetDays"] == nil, "\(off.text)")
                let unknown = try await client.send(
                    .patch, "/v1/teams/CORE", token: tokens.manager, json: #"{"severityAliases": {"Major": null}}"#,
                    headers: [.ifMatch: "*"])
                #expect(
                    unknown.status == .unprocessableContent && unknown.object["field"] as? String == "severityAliases")
                #expect(unknown.object["detail"] as? String == #"team CORE has no severity alias "major"; it has none"#)
            }
            #expect(try await Self.actors("team.set", "CORE", in: fresh.database) == ["api:manager", "api:manager"])
        }
    }

    @Test func anEngineerIsChangedAndDeactivatedAsTheToken() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let set = try await client.send(
                    .patch, "/v1/engineers/ben", token: tokens.manager, json: #"{"capacity": 6, "displayName": "Ben"}"#)
                #expect(set.status == .ok, "\(set.text)")
                #expect(set.object["changed"] as? [String: String] == ["capacity": "8 -> 6"])
                #expect((set.object["engineer"] as? [String: Any])?["capacity"] as? Double == 6)
                let nothing = try await client.send(.patch, "/v1/engineers/ben", token: tokens.manager, json: "{}")
                #expect(nothing.status == .unprocessableContent, "\(nothing.text)")
                let noTeam = try await client.send(
                    .patch, "/v1/engineers/ben", token: tokens.manager, json: #"{"team": "NOPE"}"#)
                #expect(noTeam.status == .unprocessableContent && noTeam.object["field"] as? String == "team")
                #expect(noTeam.problemType == "urn:firebreak:problem:not-found")
                let nobody = try await client.send(
                    .patch, "/v1/engineers/nobody", token: tokens.manager, json: #"{"capacity": 6}"#)
                #expect(nobody.status == .notFound, "\(nobody.text)")
                let unknownKey = try await client.send(
                    .patch, "/v1/engineers/ben", token: tokens.manager, json: #"{"handle": "benny"}"#)
                #expect(unknownKey.status == .unprocessableContent && unknownKey.object["field"] as? String == "handle")
                let gone = try await client.send(.post, "/v1/engineers/ben/deactivate", token: tokens.manager)
                #expect(gone.status == .ok && gone.object["team"] as? String == "CORE", "\(gone.text)")
                let again = try await client.send(.post, "/v1/engineers/ben/deactivate", token: tokens.manager)
                #expect(again.status == .conflict)
                let missing = try await client.send(.post, "/v1/engineers/nobody/deactivate", token: tokens.manager)
                #expect(missing.status == .notFound)
                let active = try await client.send(.get, "/v1/engineers", token: tokens.viewer)
                #expect(active.array.map { $0["handle"] as? String } == ["amara"])
                let all = try await client.send(.get, "/v1/engineers?all=true&team=CORE", token: tokens.viewer)
                #expect(all.array.map { $0["handle"] as? String } == ["amara", "ben"])
                #expect(all.array.map { $0["active"] as? Bool } == [true, false])
            }
            #expect(try await Self.actors("engineer.set", "ben", in: fresh.database) == ["api:manager"])
            #expect(try await Self.actors("engineer.deactivate", "ben", in: fresh.database) == ["api:manager"])
        }
    }

    @Test func anIncidentsHistoryShowsItsChangesWithTheTokensActor() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let changed = try await client.send(
                    .patch, "/v1/incidents/INC-1", token: tokens.manager, json: #"{"tickets": 99}"#,
                    headers: [.ifMatch: "*"])
                #expect(changed.status == .ok, "\(changed.text)")
                let history = try await client.send(.get, "/v1/incidents/INC-1/history", token: tokens.viewer)
                #expect(history.status == .ok)
                #expect(history.array.first?["verb"] as? String == "import.create")
                let last = try #require(history.array.last)
                #expect(last["verb"] as? String == "incident.set" && last["actor"] as? String == "api:manager")
                #expect((last["details"] as? String)?.contains(#""after": 99"#) == true, "\(last)")
                let unknown = try await client.send(.get, "/v1/incidents/INC-404/history", token: tokens.viewer)
                #expect(unknown.status == .notFound && unknown.isProblem)
            }
        }
    }

    /// The report routes answer what `report categories|incidents --format json` prints, through the
    /// same operation: the window's `since` leaves older incidents out.
    @Test func theOutageReportsTakeAWindow() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                let all = try await client.send(
                    .get, "/v1/teams/CORE/reports/incidents?asOf=2026-11-28", token: tokens.viewer)
                let recent = try await client.send(
                    .get, "/v1/teams/CORE/reports/incidents?asOf=2026-11-28&since=2026-06-01", token: tokens.viewer)
                #expect(all.status == .ok && recent.status == .ok)
                #expect(!recent.array.isEmpty && recent.array.count < all.array.count)
                let categories = try await client.send(
                    .get, "/v1/teams/CORE/reports/categories?asOf=2026-11-28", token: tokens.viewer)
                #expect(categories.array.first?["cumulativeShare"] != nil)
                let unknown = try await client.send(.get, "/v1/teams/NOPE/reports/categories", token: tokens.viewer)
                #expect(unknown.status == .notFound)
            }
        }
    }
}

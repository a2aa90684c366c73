import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// Teams, engineers and time off.
extension RouteRegistry {
    /// The body of `POST /v1/teams` and `PATCH /v1/teams/{team}`: the team's key (required to create,
    /// only the team's own to change) beside its settings (``TeamChanges``; PATCH changes only those given).
    struct TeamFields: Decodable, Sendable {
        var key: String?
        var settings: TeamChanges

        static let keys = TeamChanges.keys.union(["key"])

        private enum CodingKeys: String, CodingKey { case key }

        init(from decoder: any Decoder) throws {
            key = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .key)
            settings = try TeamChanges(from: decoder)
        }
    }

    struct EngineerFields: Decodable, Sendable {
        var handle: String
        var displayName: String?
        var email: String?
        var team: String
        var capacity: Double?

        static let keys: Set<String> = ["handle", "displayName", "email", "team", "capacity"]
    }

    struct TimeOffFields: Decodable, Sendable {
        var from: CalendarDate
        var to: CalendarDate

        static let keys: Set<String> = ["from", "to"]
    }

    mutating func addTeams(_ backend: Backend) {
        let limit = backend.configuration.maxBodyBytes
        get("teams", role: .viewer) { request, context in
            let operations = context.operations(backend)
            if try request.flag("all") { return try Reply.json(try await operations.allTeams()) }
            return try Reply.json(try await operations.teams())
        }
        post("teams", role: .manager) { request, context in
            let fields = try await JSONBody.decode(
                TeamFields.self, from: request, limit: limit, allowed: TeamFields.keys)
            guard let key = fields.key, let name = fields.settings.name else {
                throw Problem(
                    .invalid, status: .unprocessableContent, detail: "key and name are required",
                    field: fields.key == nil ? "key" : "name")
            }
            var team = Team(key: key, name: name)
            try fields.settings.apply(to: &team)
            let created = try await context.operations(backend).createTeam(team)
            return try Reply.json(
                created.value, status: .created, version: created.version, location: "/v1/teams/\(key)")
        }
        get("teams/{team}", role: .viewer) { _, context in
            let team = try await context.operations(backend).team(try context.parameter("team"))
            return try Reply.json(team.value, version: team.version)
        }
        patch("teams/{team}", role: .manager) { request, context in
            let key = try context.parameter("team")
            let expected = try ETag.required(request)
            let fields = try await JSONBody.decode(
                TeamFields.self, from: request, limit: limit, allowed: TeamFields.keys)
            if let newKey = fields.key, newKey != key {
                throw Problem(
                    .invalid, status: .unprocessableContent, detail: "a team's key cannot change", field: "key")
            }
            let team = try await context.operations(backend).setTeam(key, fields.settings, expectedVersion: expected)
            return try Reply.json(team.value, version: team.version)
        }
        get("engineers", role: .viewer) { request, context in
            let (operations, team) = (context.operations(backend), try request.query("team"))
            if try request.flag("all") { return try Reply.json(try await operations.allEngineers(team: team)) }
            return try Reply.json(try await operations.engineers(team: team))
        }
        post("engineers", role: .manager) { request, context in
            let f = try await JSONBody.decode(
                EngineerFields.self, from: request, limit: limit, allowed: EngineerFields.keys)
            let engineer = Engineer(
                handle: f.handle, displayName: f.displayName ?? f.handle, email: f.email, team: f.team,
                capacity: f.capacity ?? 8)
            return try Reply.json(try await context.operations(backend).addEngineer(engineer), status: .created)
        }
        get("time-off", role: .viewer) { request, context in
            try Reply.json(try await context.operations(backend).timeOff(team: try request.query("team")))
        }
        post("engineers/{handle}/time-off", role: .manager) { request, context in
            let handle = try context.parameter("handle")
            let f = try await JSONBody.decode(
                TimeOffFields.self, from: request, limit: limit, allowed: TimeOffFields.keys)
            let timeOff = try await context.operations(backend).addTimeOff(handle, from: f.from, to: f.to)
            return try Reply.json(timeOff, status: .created)
        }
    }
}

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
    /// The team settings a body may give; every one is optional (PATCH changes only those given).
    struct TeamFields: Decodable, Sendable {
        var key: String?
        var name: String?
        var sprintLengthDays: Int?
        var sprintOneStarts: CalendarDate?
        var improvementEvery: Int?
        var backlogShare: Double?
        var budgetCost: Double?
        var budgetDays: Int?
        var ticketWeight: Double?
        var customerMultiplier: Double?
        var halfLifeDays: Double?
        var defaultEstimate: Double?
        var wipLimit: Int?
        /// Aliases to set (1 to 4) or, with null, to remove; the others stay.
        var severityAliases: [String: Int?]?

        static let keys: Set<String> = [
            "key", "name", "sprintLengthDays", "sprintOneStarts", "improvementEvery", "backlogShare", "budgetCost",
            "budgetDays", "ticketWeight", "customerMultiplier", "halfLifeDays", "defaultEstimate", "wipLimit",
            "severityAliases",
        ]

        /// The alias changes, checked: a 422 naming `severityAliases` for an alias that cannot be one
        /// or a severity outside 1 to 4.
        func aliasChanges() throws -> [(alias: String, severity: Severity?)] {
            try (severityAliases ?? [:]).sorted { $0.key < $1.key }.map { alias, number in
                if let problem = Team.severityAliasProblem(Team.severityAliasKey(alias)) {
                    throw Problem(.invalid, status: .unprocessableContent, detail: problem, field: "severityAliases")
                }
                guard let number else { return (alias, nil) }
                guard let level = Severity(rawValue: number) else {
                    throw Problem(
                        .invalid, status: .unprocessableContent,
                        detail:
                            "severity alias \"\(alias)\" must name a severity from 1 (SEV1) to 4 (SEV4), not \(number)",
                        field: "severityAliases")
                }
                return (alias, level)
            }
        }

        func apply(to team: inout Team) throws {
            if let name { team.name = name }
            if let sprintLengthDays { team.cadence.sprintLengthDays = sprintLengthDays }
            if let sprintOneStarts { team.cadence.sprintOneStarts = sprintOneStarts }
            if let improvementEvery { team.cadence.improvementEvery = improvementEvery }
            if let backlogShare { team.cadence.backlogShare = backlogShare }
            if let budgetCost { team.cadence.budgetCost = budgetCost }
            if let budgetDays { team.cadence.budgetDays = budgetDays }
            if let ticketWeight { team.weights.ticketWeight = ticketWeight }
            if let customerMultiplier { team.weights.customerMultiplier = customerMultiplier }
            if let halfLifeDays { team.weights.halfLifeDays = halfLifeDays }
            if let defaultEstimate { team.weights.defaultEstimate = defaultEstimate }
            if let wipLimit { team.wipLimit = wipLimit }
            for (alias, severity) in try aliasChanges() { team.setSeverityAlias(alias, to: severity) }
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
        get("teams", role: .viewer) { _, context in
            try Reply.json(try await context.operations(backend).teams())
        }
        post("teams", role: .manager) { request, context in
            let fields = try await JSONBody.decode(
                TeamFields.self, from: request, limit: limit, allowed: TeamFields.keys)
            guard let key = fields.key, let name = fields.name else {
                throw Problem(
                    .invalid, status: .unprocessableContent, detail: "key and name are required",
                    field: fields.key == nil ? "key" : "name")
            }
            var team = Team(key: key, name: name)
            try fields.apply(to: &team)
            let actor = context.actor
            let created = team
            try await backend.run { try await TeamStore(database: $0).create(created, actor: actor) }
            return try Reply.json(created, status: .created, version: 1, location: "/v1/teams/\(key)")
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
            _ = try fields.aliasChanges()
            let team = try await context.operations(backend).setTeam(key, expectedVersion: expected) {
                try fields.apply(to: &$0)
            }
            return try Reply.json(team.value, version: team.version)
        }
        get("engineers", role: .viewer) { request, context in
            try Reply.json(try await context.operations(backend).engineers(team: try request.query("team")))
        }
        post("engineers", role: .manager) { request, context in
            let f = try await JSONBody.decode(
                EngineerFields.self, from: request, limit: limit, allowed: EngineerFields.keys)
            let engineer = Engineer(
                handle: f.handle, displayName: f.displayName ?? f.handle, email: f.email, team: f.team,
                capacity: f.capacity ?? 8)
            return try Reply.json(try await context.operations(backend).addEngineer(engineer), status: .created)
        }
        get("time-off", role: .viewer) { request, _ in
            let team = try request.query("team")
            return try Reply.json(try await backend.run { try await TeamStore(database: $0).timeOff(team: team) })
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

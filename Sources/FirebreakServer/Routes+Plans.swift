import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore
import PostgresNIO

/// Plans: generate and store, list, show, compare, export.
extension RouteRegistry {
    struct PlanFields: Decodable, Sendable {
        var asOf: Date?
        var sprints: Int?
        static let keys: Set<String> = ["asOf", "sprints"]
    }

    mutating func addPlans(_ backend: Backend) {
        let limit = backend.configuration.maxBodyBytes
        let generated = Counter(label: "firebreak_plans_generated_total")
        post("teams/{team}/plans", role: .manager) { request, context in
            let team = try context.parameter("team")
            let f = try await JSONBody.decode(PlanFields.self, from: request, limit: limit, allowed: PlanFields.keys)
            let plan = try await context.operations(backend).plan(
                team: team, asOf: f.asOf ?? Date(), sprints: f.sprints, dryRun: false)
            generated.increment()
            return try Reply.json(plan, status: .created, location: "/v1/teams/\(team)/plans/\(plan.number)")
        }
        post("teams/{team}/plans/preview", role: .manager) { request, context in
            let team = try context.parameter("team")
            let f = try await JSONBody.decode(PlanFields.self, from: request, limit: limit, allowed: PlanFields.keys)
            return try Reply.json(
                try await context.operations(backend).plan(
                    team: team, asOf: f.asOf ?? Date(), sprints: f.sprints, dryRun: true))
        }
        get("teams/{team}/plans", role: .viewer) { _, context in
            try Reply.json(try await context.operations(backend).plans(team: try context.parameter("team")))
        }
        get("teams/{team}/plans/{plan}", role: .viewer) { _, context in
            let (team, number) = (try context.parameter("team"), try Self.planNumber(context, "plan"))
            return try Reply.json(try await context.operations(backend).storedPlan(team: team, number: number))
        }
        get("teams/{team}/plans/{plan}/diff/{other}", role: .viewer) { _, context in
            let team = try context.parameter("team")
            let (a, b) = (try Self.planNumber(context, "plan"), try Self.planNumber(context, "other"))
            return try Reply.json(try await context.operations(backend).planDiff(team: team, a, b))
        }
        get("teams/{team}/plans/{plan}/export/{format}", role: .viewer) { request, context in
            let (team, number) = (try context.parameter("team"), try Self.planNumber(context, "plan"))
            let formatName = try context.parameter("format")
            guard let format = PlanExportFormat(rawValue: formatName) else {
                throw Problem(
                    .notFound, status: .notFound,
                    detail: "no export format \(formatName); formats: "
                        + PlanExportFormat.allCases.map(\.rawValue).joined(separator: ", "), field: "format")
            }
            return try await PlanDownload.response(
                format, team: team, number: number, jira: try Self.jiraOptions(request), backend: backend)
        }
    }

    /// The as-of time (default now) and the sprints (default 6, 1 to 52) of a plan to make.
    /// `{plan}`: a number or `latest` (nil); 400 for anything else, a number past
    /// ``PlanStore/maxNumber`` included, as the document's pattern says.
    static func planNumber(_ context: Context, _ name: String) throws -> Int? {
        let text = try context.parameter(name)
        if text == "latest" { return nil }
        guard let number = Int(text), (1...PlanStore.maxNumber).contains(number) else {
            throw Problem(
                .invalid, status: .badRequest,
                detail: "\(name) must be a plan number from 1 to \(PlanStore.maxNumber), or latest", field: name)
        }
        return number
    }

    static func jiraOptions(_ request: Request) throws -> JiraCSVOptions {
        var options = JiraCSVOptions()
        if let epics = try request.query("epics") {
            guard let value = JiraCSVOptions.Epics(rawValue: epics) else {
                throw Problem(
                    .invalid, status: .badRequest, detail: "epics must be none, sprint or incident", field: "epics")
            }
            options.epics = value
        }
        if let field = try request.query("storyPointsField") {
            guard ["Story Points", "Story point estimate"].contains(field) else {
                throw Problem(
                    .invalid, status: .badRequest,
                    detail: "storyPointsField must be \"Story Points\" or \"Story point estimate\"",
                    field: "storyPointsField")
            }
            options.storyPointsField = field
        }
        options.includeBacklog = try request.flag("includeBacklog")
        options.raw = try request.flag("raw")
        return options
    }
}

/// Text collected between writes of a streamed response.
struct ChunkedText: TextOutputStream {
    var pending = ""

    mutating func write(_ string: String) { pending += string }

    mutating func take() -> ByteBuffer {
        defer { pending = "" }
        return ByteBuffer(string: pending)
    }
}

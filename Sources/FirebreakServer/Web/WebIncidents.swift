import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// Incidents: the list of a team's, then each report with its facts, its sections and its actions.
enum WebIncidents {
    struct Row {
        var key: String
        var title: String
        var started: String
        var minutes: String
        var severity: String
        var detectedBy: String
        var tickets: String
        var status: String
        var actions: Int
    }

    struct ListView {
        var team: String
        var teams: [WebBacklog.TeamOption]
        var rows: [Row]
    }

    struct Action {
        var key: String?
        var title: String
        var kind: String
        var coverage: String
        var estimate: String
        var completed: Bool
    }

    struct Paragraph {
        var text: String
    }

    struct ReportView {
        var key: String
        var title: String
        var team: String
        var status: String
        var missing: String?
        var factRows: [Fact]
        var explanation: [Paragraph]
        var investigations: [Paragraph]
        var actions: [Action]
    }

    struct Fact {
        var name: String
        var value: String
    }

    static func list(_ request: Request, _ operations: some Operations, session: WebSession) async throws -> Response {
        let teams = try await operations.teams()
        let me = try await operations.me()
        let team = try request.query("team").flatMap { $0.isEmpty ? nil : $0 } ?? me.team ?? teams.first?.key ?? ""
        let incidents = try await operations.incidents(team: team.isEmpty ? nil : team)
        let view = ListView(
            team: team, teams: teams.map { WebBacklog.TeamOption(key: $0.key, selected: $0.key == team) },
            rows: incidents.map {
                Row(
                    key: $0.key, title: $0.title, started: $0.startedAt.map(ISO8601Format.string) ?? "",
                    minutes: $0.outageMinutes.map(String.init) ?? "",
                    severity: $0.severity.map { "SEV\($0.rawValue)" } ?? "",
                    detectedBy: $0.detectedBy.rawValue, tickets: $0.tickets.map(String.init) ?? "",
                    status: "\($0.status)", actions: $0.actions)
            })
        return WebPage.render("incidents", view, title: "Incidents", session: session, current: "/incidents")
    }

    /// Text as paragraphs, split where the report leaves a blank line.
    static func paragraphs(_ text: String) -> [Paragraph] {
        text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }.map(Paragraph.init)
    }

    static func report(_ key: String, _ operations: some Operations, session: WebSession) async throws -> Response {
        let incident = try await operations.incident(key).value
        let facts: [Fact] = [
            Fact(name: "Started", value: incident.startedAt.map(ISO8601Format.string) ?? "missing"),
            Fact(name: "Outage", value: incident.outageMinutes.map { "\($0) minutes" } ?? "missing"),
            Fact(name: "Severity", value: incident.severity.map { "SEV\($0.rawValue)" } ?? "missing"),
            Fact(name: "Detected by", value: incident.detectedBy.rawValue),
            Fact(name: "Tickets", value: incident.tickets.map(String.init) ?? "missing"),
            Fact(name: "Components", value: incident.components.joined(separator: ", ")),
            Fact(name: "Categories", value: incident.categories.joined(separator: ", ")),
        ]
        let view = ReportView(
            key: incident.key, title: incident.title, team: incident.team ?? "", status: "\(incident.status)",
            missing: incident.missing.isEmpty ? nil : incident.missing.joined(separator: ", "), factRows: facts,
            explanation: paragraphs(incident.explanation),
            investigations: paragraphs(incident.investigations),
            actions: incident.actions.map {
                Action(
                    key: $0.key, title: $0.title ?? "", kind: $0.kind?.rawValue ?? "",
                    coverage: $0.coverage.map { NumberText.plain($0) } ?? "",
                    estimate: $0.estimate.map { NumberText.plain($0) } ?? "", completed: $0.completed)
            })
        return WebPage.render(
            "incident", view, title: "\(incident.key) \(incident.title)", session: session, current: "/incidents")
    }
}

extension WebRouteRegistry {
    mutating func addIncidents() {
        let backend = self.backend
        page("/incidents", role: .viewer) { request, context, session in
            try await WebIncidents.list(request, context.operations(backend), session: session)
        }
        page("/incidents/{key}", role: .viewer) { _, context, session in
            try await WebIncidents.report(try context.parameter("key"), context.operations(backend), session: session)
        }
    }
}

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
        /// A manager's link to the import.
        var canImport: Bool
    }

    struct ActionRow {
        var key: String?
        var title: String
        var kind: String
        var coverage: String
        var estimate: String
        var completed: Bool
    }

    struct ReportView {
        var key: String
        var title: String
        var team: String
        var status: String
        var missing: String?
        /// The canonical Markdown of the report rendered by `MarkdownHTML` (escaped there).
        var reportHTML: String
        var actions: [ActionRow]
        var canFill: Bool
        var fill: [FillField]
        var csrf: String
        var version: Int
        var error: String?
    }

    /// A missing number of the report, as a field of the fill-in form (the API's PATCH field names).
    struct FillField {
        var name: String
        var label: String
        var value: String
        var help: String
        var error: String?
        var severity: Bool
        var levels: [WebBacklog.Option]
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
            }, canImport: session.principal.role >= .manager)
        return WebPage.render("incidents", view, title: "Incidents", session: session, current: "/incidents")
    }

    static func report(
        _ key: String, _ operations: LocalOperations<BackendRunner>, session: WebSession, form: WebForm? = nil,
        error: (field: String, message: String)? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let versioned = try await operations.incident(key)
        let incident = versioned.value
        // The report's own H1 is the page's heading; the rest is rendered one level down.
        let markdown = try await operations.incidentMarkdown(key).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .drop { $0.hasPrefix("# ") || $0.isEmpty }.joined(separator: "\n")
        let labels: [IncidentStore.Field: (String, String)] = [
            .startedAt: ("Started", "YYYY-MM-DD HH:MM, UTC unless it says ±HH:MM"),
            .outageMinutes: ("Outage time (minutes)", "a whole number of minutes"),
            .severity: ("Severity", ""), .tickets: ("Support tickets raised", "a whole number"),
        ]
        let fill = IncidentStore.Field.scoring.filter { incident.missing.contains($0.reportName) }.map { field in
            let value = form?[field.rawValue] ?? ""
            return FillField(
                name: field.rawValue, label: labels[field]?.0 ?? field.rawValue, value: value,
                help: labels[field]?.1 ?? "", error: error?.field == field.rawValue ? error?.message : nil,
                severity: field == .severity,
                levels: [WebBacklog.Option(value: "", label: "Choose", selected: value.isEmpty)]
                    + (1...4).map { WebBacklog.Option(value: "\($0)", label: "SEV\($0)", selected: value == "\($0)") })
        }
        let view = ReportView(
            key: incident.key, title: incident.title, team: incident.team ?? "", status: "\(incident.status)",
            missing: incident.missing.isEmpty ? nil : incident.missing.joined(separator: ", "),
            reportHTML: MarkdownHTML.render(markdown, headingOffset: 1),
            actions: incident.actions.map {
                ActionRow(
                    key: $0.key, title: $0.title ?? "", kind: $0.kind?.rawValue ?? "",
                    coverage: $0.coverage.map { NumberText.plain($0) } ?? "",
                    estimate: $0.estimate.map { NumberText.plain($0) } ?? "", completed: $0.completed)
            },
            canFill: session.principal.role >= .manager && !fill.isEmpty, fill: fill, csrf: session.csrf,
            version: versioned.version,
            error: error.flatMap { e in fill.contains { $0.name == e.field } ? nil : e.message })
        return WebPage.render(
            "incident", view, title: "\(incident.key) \(incident.title)", session: session, current: "/incidents",
            status: status)
    }

    /// The form's values as the store's change; a text that is not a number or a date names its field.
    static func changes(_ form: WebForm) throws -> IncidentStore.Changes {
        var changes = IncidentStore.Changes()
        func value(_ field: IncidentStore.Field) -> String? {
            form[field.rawValue].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        func whole(_ field: IncidentStore.Field) throws -> Int? {
            guard let text = value(field) else { return nil }
            guard let number = Int(text) else {
                throw StoreError.invalid("\"\(text)\" is not a whole number", field: field.rawValue)
            }
            return number
        }
        if let text = value(.startedAt) {
            guard let date = ReportDate.parse(text) else {
                throw StoreError.invalid("\"\(text)\" is not a date and time (YYYY-MM-DD HH:MM)", field: "startedAt")
            }
            changes.startedAt = date
        }
        changes.outageMinutes = try whole(.outageMinutes)
        changes.tickets = try whole(.tickets)
        if let level = try whole(.severity) {
            guard let severity = Severity(rawValue: level) else {
                throw StoreError.invalid("severity must be 1 to 4", field: "severity")
            }
            changes.severity = severity
        }
        guard !changes.fields.isEmpty else {
            throw StoreError.invalid("fill in at least one of the missing facts", field: "form")
        }
        return changes
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
        form("/incidents/{key}", role: .manager) { _, context, session, form in
            let key = try context.parameter("key")
            let operations = context.operations(backend)
            do {
                _ = try await operations.setIncident(
                    key, IncidentFields(try WebIncidents.changes(form)),
                    expectedVersion: form["version"].flatMap(Int.init))
            } catch {
                return try await WebIncidents.report(
                    key, operations, session: session, form: form,
                    error: try WebSettings.fieldError(error, logger: context.logger), status: .unprocessableContent)
            }
            return WebPage.redirect("/incidents/\(WebSignIn.encoded(key))")
        }
    }
}

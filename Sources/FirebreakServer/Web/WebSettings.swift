import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Team settings (manager): cadence, share, error budget, weights, WIP limit, then the engineers
/// (added, their capacity changed, deactivated) and their time off. The form's fields are the API's
/// (`PATCH /v1/teams/{team}`) and a setting out of range is refused by the team's own validation,
/// its message shown next to its field.
enum WebSettings {
    /// The page's forms, each of which shows its own refusals.
    enum Section {
        case settings, timeOff, engineers
    }

    struct Field {
        var name: String
        var label: String
        var value: String
        var help: String
        var error: String?
        var inputMode: String
    }

    struct Group {
        var legend: String
        var fields: [Field]
    }

    struct EngineerRow {
        var handle: String
        var name: String
        var email: String
        var capacity: String
        var timeOff: String
        var team: String
        var csrf: String
    }

    struct View {
        var team: String
        var teams: [WebBacklog.TeamOption]
        var version: Int
        var csrf: String
        var notice: String?
        var error: String?
        var groups: [Group]
        /// The alias table, one `name=SEVn` a line.
        var aliases: String
        var aliasesError: String?
        var engineers: [EngineerRow]
        var handles: [WebBacklog.TeamOption]
        var timeOffError: String?
        var timeOffFrom: String
        var timeOffTo: String
        var engineerError: String?
        /// What the add-an-engineer form was sent with, kept when it is refused.
        var newHandle: String
        var newName: String
        var newEmail: String
        var newCapacity: String
    }

    /// Each setting: (API field, label, help, whole number, the team's value as the form shows it).
    static let settings:
        [(group: String, name: String, label: String, help: String, read: @Sendable (Team) -> String)] = [
            ("Cadence", "sprintLengthDays", "Sprint length (days)", "1 to 366", { "\($0.cadence.sprintLengthDays)" }),
            ("Cadence", "sprintOneStarts", "Sprint 1 starts", "YYYY-MM-DD", { "\($0.cadence.sprintOneStarts)" }),
            (
                "Cadence", "improvementEvery", "Improvement every", "every Nth sprint is one; 0: off",
                {
                    "\($0.cadence.improvementEvery)"
                }
            ),
            (
                "Cadence", "backlogShare", "Backlog share (%)", "of a feature sprint's capacity",
                {
                    NumberText.plain($0.cadence.backlogShare)
                }
            ),
            (
                "Error budget", "budgetCost", "Budget cost", "empty: no error budget",
                {
                    $0.cadence.budgetCost.map { NumberText.plain($0) } ?? ""
                }
            ),
            (
                "Error budget", "budgetDays", "Over days", "the days before a sprint's start",
                {
                    $0.cadence.budgetDays.map(String.init) ?? ""
                }
            ),
            (
                "Weights", "ticketWeight", "Ticket weight", "cost of one support ticket",
                {
                    NumberText.plain($0.weights.ticketWeight)
                }
            ),
            (
                "Weights", "customerMultiplier", "Customer multiplier", "when a customer detected it",
                {
                    NumberText.plain($0.weights.customerMultiplier)
                }
            ),
            (
                "Weights", "halfLifeDays", "Half-life (days)", "an incident's cost halves in this time",
                {
                    NumberText.plain($0.weights.halfLifeDays)
                }
            ),
            (
                "Weights", "defaultEstimate", "Default estimate", "story points of an unestimated item",
                {
                    NumberText.plain($0.weights.defaultEstimate)
                }
            ),
            ("Work in progress", "wipLimit", "WIP limit", "claimed items an engineer may hold", { "\($0.wipLimit)" }),
        ]

    /// The form's text for each setting, put into `team`; a text that is not a number or a date is
    /// refused here, naming its field, before the team's own validation sees the rest.
    static func apply(_ form: WebForm, to team: inout Team) throws {
        func text(_ name: String) -> String? { form[name]?.trimmingCharacters(in: .whitespaces) }
        func number(_ name: String) throws -> Double? {
            guard let value = text(name), !value.isEmpty else { return nil }
            guard let number = Double(value), number.isFinite else {
                throw StoreError.invalid("\"\(value)\" is not a number", field: name)
            }
            return number
        }
        func whole(_ name: String) throws -> Int? {
            guard let value = text(name), !value.isEmpty else { return nil }
            guard let number = Int(value) else {
                throw StoreError.invalid("\"\(value)\" is not a whole number", field: name)
            }
            return number
        }
        if let v = try whole("sprintLengthDays") { team.cadence.sprintLengthDays = v }
        if let value = text("sprintOneStarts"), !value.isEmpty {
            guard let date = CalendarDate(value) else {
                throw StoreError.invalid("\"\(value)\" is not a date (YYYY-MM-DD)", field: "sprintOneStarts")
            }
            team.cadence.sprintOneStarts = date
        }
        if let v = try whole("improvementEvery") { team.cadence.improvementEvery = v }
        if let v = try number("backlogShare") { team.cadence.backlogShare = v }
        // Both empty turn the error budget off; one of them alone is the team's "needs both" error.
        if form["budgetCost"] != nil { team.cadence.budgetCost = try number("budgetCost") }
        if form["budgetDays"] != nil { team.cadence.budgetDays = try whole("budgetDays") }
        if let v = try number("ticketWeight") { team.weights.ticketWeight = v }
        if let v = try number("customerMultiplier") { team.weights.customerMultiplier = v }
        if let v = try number("halfLifeDays") { team.weights.halfLifeDays = v }
        if let v = try number("defaultEstimate") { team.weights.defaultEstimate = v }
        if let v = try whole("wipLimit") { team.wipLimit = v }
        if let text = form["severityAliases"] { team.severityAliases = try aliases(text) }
    }

    /// The alias table from the form's text, one `NAME=SEVERITY` a line (blank lines and `NAME=`
    /// left out): the whole table, replacing the team's. A line that is not one names its number.
    static func aliases(_ text: String) throws -> [String: Severity] {
        var team = Team(key: "FORM", name: "form")
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else { continue }
            do {
                let (alias, severity) = try Team.severityAliasSpec(line)
                if let severity { team.setSeverityAlias(alias, to: severity) }
            } catch {
                throw StoreError.invalid("line \(number + 1): \(error)", field: "severityAliases")
            }
        }
        return team.severityAliases
    }

    static func page(
        _ operations: LocalOperations<BackendRunner>, request: Request, team key: String?, session: WebSession,
        form: WebForm? = nil, error: (field: String, message: String)? = nil, section: Section = .settings,
        notice: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (defaultTeam, teams) = try await WebPlan.team(request, operations)
        let key = key ?? defaultTeam
        let team = try await operations.team(key)
        let engineers = try await operations.engineers(team: key)
        let timeOff = try await operations.timeOff(team: key)
        var groups: [Group] = []
        for setting in settings {
            let field = Field(
                name: setting.name, label: setting.label,
                value: form?[setting.name] ?? setting.read(team.value), help: setting.help,
                error: section == .settings && error?.field == setting.name ? error?.message : nil,
                inputMode: setting.name == "sprintOneStarts" ? "text" : "decimal")
            if groups.last?.legend == setting.group {
                groups[groups.count - 1].fields.append(field)
            } else {
                groups.append(Group(legend: setting.group, fields: [field]))
            }
        }
        let shownBesideItsField =
            section != .settings || error?.field == "severityAliases" || settings.contains { $0.name == error?.field }
        let adding = section == .engineers && form?["name"] != nil
        let view = View(
            team: key, teams: WebPlan.teamOptions(teams, key), version: team.version, csrf: session.csrf,
            notice: notice, error: shownBesideItsField ? nil : error?.message, groups: groups,
            aliases: form?["severityAliases"] ?? team.value.severityAliasList.joined(separator: "\n"),
            aliasesError: section == .settings && error?.field == "severityAliases" ? error?.message : nil,
            engineers: engineers.map { engineer in
                EngineerRow(
                    handle: engineer.handle, name: engineer.displayName, email: engineer.email ?? "",
                    capacity: section == .engineers && !adding && form?["handle"] == engineer.handle
                        ? form?["capacity"] ?? "" : NumberText.plain(engineer.capacity),
                    timeOff: timeOff.filter { $0.handle == engineer.handle }.map { "\($0.from) to \($0.to)" }
                        .joined(separator: ", "),
                    team: key, csrf: session.csrf)
            },
            handles: engineers.map {
                WebBacklog.TeamOption(key: $0.handle, selected: section == .timeOff && $0.handle == form?["handle"])
            },
            timeOffError: section == .timeOff ? error?.message : nil,
            timeOffFrom: section == .timeOff ? form?["from"] ?? "" : "",
            timeOffTo: section == .timeOff ? form?["to"] ?? "" : "",
            engineerError: section == .engineers ? error?.message : nil,
            newHandle: adding ? form?["handle"] ?? "" : "", newName: adding ? form?["name"] ?? "" : "",
            newEmail: adding ? form?["email"] ?? "" : "", newCapacity: adding ? form?["capacity"] ?? "" : "")
        return WebPage.render(
            "settings", view, title: "Team settings", session: session, current: "/settings", status: status)
    }

    /// The notice after a form was saved (`?saved=` names which).
    static func savedNotice(_ saved: String) -> String {
        switch saved {
        case "time-off": "Saved the time off."
        case "capacity": "Saved the capacity."
        case "engineer": "Added the engineer."
        case "deactivated": "Deactivated the engineer; their claims were released."
        default: "Saved the settings."
        }
    }

    /// An engineer's capacity as the form gives it: nil when empty; not a number is refused, naming
    /// the field (the range is the engineer's own validation's).
    static func capacity(_ text: String?) throws -> Double? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let number = Double(text), number.isFinite else {
            throw StoreError.invalid("capacity \"\(text)\" is not a number of story points", field: "capacity")
        }
        return number
    }

    /// A refusal the form can show next to a field: the operations' invalid input, with its field.
    static func fieldError(_ error: any Error, logger: Logger) throws -> (field: String, message: String) {
        let problem = Problem.from(error, logger: logger)
        guard problem.status == .unprocessableContent || problem.status == .badRequest, let field = problem.field
        else { throw problem }
        return (field, problem.detail)
    }
}

extension WebRouteRegistry {
    mutating func addSettings() {
        let backend = self.backend
        page("/settings", role: .manager) { request, context, session in
            let saved = try request.query("saved")
            return try await WebSettings.page(
                context.operations(backend), request: request, team: nil, session: session,
                notice: saved.map(WebSettings.savedNotice))
        }
        form("/settings", role: .manager) { request, context, session, form in
            let operations = context.operations(backend)
            let key = try form.required("team")
            do {
                _ = try await operations.setTeam(key, expectedVersion: form["version"].flatMap(Int.init)) {
                    try WebSettings.apply(form, to: &$0)
                }
            } catch {
                return try await WebSettings.page(
                    operations, request: request, team: key, session: session, form: form,
                    error: try WebSettings.fieldError(error, logger: context.logger), status: .unprocessableContent)
            }
            return WebPage.redirect("/settings?team=\(WebSignIn.encoded(key))&saved=settings")
        }
        form("/settings/time-off", role: .manager) { request, context, session, form in
            let operations = context.operations(backend)
            let key = try form.required("team")
            do {
                let handle = try form.required("handle")
                func date(_ name: String) throws -> CalendarDate {
                    guard let date = CalendarDate(form[name] ?? "") else {
                        throw StoreError.invalid("\(name) must be a date (YYYY-MM-DD)", field: name)
                    }
                    return date
                }
                _ = try await operations.addTimeOff(handle, from: try date("from"), to: try date("to"))
            } catch {
                return try await WebSettings.page(
                    operations, request: request, team: key, session: session, form: form,
                    error: try WebSettings.fieldError(error, logger: context.logger), section: .timeOff,
                    status: .unprocessableContent)
            }
            return WebPage.redirect("/settings?team=\(WebSignIn.encoded(key))&saved=time-off")
        }
        engineerForm("/settings/engineer") { operations, form in
            guard let capacity = try WebSettings.capacity(form["capacity"]) else {
                throw StoreError.invalid("give the capacity in story points per sprint", field: "capacity")
            }
            _ = try await operations.setEngineer(try form.required("handle"), EngineerChanges(capacity: capacity))
            return "capacity"
        }
        engineerForm("/settings/engineer/add") { operations, form in
            let handle = try form.required("handle").trimmingCharacters(in: .whitespaces)
            let name = form["name"]?.trimmingCharacters(in: .whitespaces) ?? ""
            let email = form["email"]?.trimmingCharacters(in: .whitespaces) ?? ""
            let engineer = Engineer(
                handle: handle, displayName: name.isEmpty ? handle : name, email: email.isEmpty ? nil : email,
                team: try form.required("team"), capacity: try WebSettings.capacity(form["capacity"]) ?? 8)
            _ = try await operations.addEngineer(engineer)
            return "engineer"
        }
        engineerForm("/settings/engineer/deactivate") { operations, form in
            _ = try await operations.deactivateEngineer(try form.required("handle"))
            return "deactivated"
        }
    }

    /// A form about one engineer: `change` makes the change and says which (for the notice); a
    /// refusal shows under the engineers' table, the rest of the page as it was.
    private mutating func engineerForm(
        _ path: String,
        _ change: @escaping @Sendable (LocalOperations<BackendRunner>, WebForm) async throws -> String
    ) {
        let backend = self.backend
        form(path, role: .manager) { request, context, session, form in
            let operations = context.operations(backend)
            let key = try form.required("team")
            let saved: String
            do {
                saved = try await change(operations, form)
            } catch {
                // A handle taken (409) shows there too, with its own status.
                let problem = Problem.from(error, logger: context.logger)
                guard [.unprocessableContent, .badRequest, .conflict].contains(problem.status) else { throw problem }
                return try await WebSettings.page(
                    operations, request: request, team: key, session: session, form: form,
                    error: (problem.field ?? "engineer", problem.detail), section: .engineers, status: problem.status)
            }
            return WebPage.redirect("/settings?team=\(WebSignIn.encoded(key))&saved=\(saved)")
        }
    }
}

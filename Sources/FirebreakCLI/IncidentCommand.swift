import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

struct IncidentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "List, show and fill in outage reports.",
        discussion: Help.discussion(examples: ["firebreak incident list", "firebreak incident show INC-7"]),
        subcommands: [List.self, Show.self, Set.self, History.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List incidents, oldest first.",
            discussion: Help.discussion(examples: ["firebreak incident list --team CORE"]))
        @Option(help: "Only this team (default: the configured team, else every team).") var team: String?
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let team = try ConfiguredDefaults.value(.team, flag: self.team)
            let incidents = try await global.withOperations { try await $0.incidents(team: team) }
            try Output.print(incidents, as: output) {
                Listing(
                    columns: ["key", "started", "sev", "outage", "tickets", "detected", "status", "actions", "title"],
                    rows: incidents.map {
                        [
                            $0.key, $0.startedAt.map { CalendarDate(containing: $0).description } ?? "-",
                            $0.severity?.description ?? "-", $0.outageMinutes.map(ReportDate.formatMinutes) ?? "-",
                            $0.tickets.map(String.init) ?? "-", $0.detectedBy.rawValue, $0.status.rawValue,
                            String($0.actions), $0.title,
                        ]
                    })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one incident as its outage report (Markdown), or as JSON.",
            discussion: Help.discussion(examples: ["firebreak incident show INC-7"]))
        @Argument(help: "Incident key, e.g. INC-7.") var key: String
        @Option(help: "Output format: markdown or json.") var format: ShowFormat = .markdown
        @OptionGroup var global: GlobalOptions

        enum ShowFormat: String, ExpressibleByArgument { case markdown, json }

        func run() async throws {
            let (key, format) = (self.key, self.format)
            switch format {
            case .markdown:
                print(try await global.withOperations { try await $0.incidentMarkdown(key) }, terminator: "")
            case .json:
                print(try JSONText.pretty(try await global.withOperations { try await $0.incident(key).value }))
            }
        }
    }
}

extension IncidentCommand {
    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Fill in or correct an incident's fields; audited, and a draft that then states every number is published.",
            discussion: Help.discussion(
                """
                Values take the report format's notations: --started YYYY-MM-DD HH:MM (UTC unless it says \
                UTC or ±HH:MM) or ISO 8601; --outage-time hh:mm (hours may exceed 24) or N minutes; --severity \
                SEV1..SEV4, P1..P4, 1..4 or one of the team's severity aliases; --detected-by alert, customer, \
                staff or unknown.

                A draft that then states its date, outage time, severity and tickets is published. --clear \
                removes a number; a published incident keeps every number scoring needs unless --status draft \
                comes with it. `firebreak incident history KEY` lists each change with its before and after values.
                """,
                examples: [
                    "firebreak incident set INC-7 --severity SEV2 --outage-time 01:30 --tickets 14 --detected-by customer --started \"2026-03-02 08:55\""
                ]))

        /// A number that `--clear` removes, named as the flag that sets it.
        enum Clearable: String, CaseIterable, ExpressibleByArgument {
            case started, outageTime = "outage-time", severity, tickets

            var field: IncidentStore.Field {
                switch self {
                case .started: .startedAt
                case .outageTime: .outageMinutes
                case .severity: .severity
                case .tickets: .tickets
                }
            }
        }

        enum Status: String, CaseIterable, ExpressibleByArgument {
            case draft, published
        }

        @Argument(help: "Incident key, e.g. INC-7.") var key: String
        @Option(help: "Title.") var title: String?
        @Option(help: "One-line description.") var description: String?
        @Option(help: "When the outage started: YYYY-MM-DD HH:MM [UTC|±HH:MM], or ISO 8601.") var started: String?
        @Option(parsing: .unconditional, help: "Outage time: hh:mm (hours may exceed 24) or N minutes.")
        var outageTime: String?
        @Option(help: "Severity: SEV1..SEV4, P1..P4, 1..4, or one of the team's severity aliases.") var severity:
            String?
        @Option(parsing: .unconditional, help: "Number of support tickets raised.") var tickets: String?
        @Option(help: "Who noticed first: alert, customer, staff or unknown.") var detectedBy: String?
        @Option(help: "draft or published. Default: published once the incident states every number scoring needs.")
        var status: Status?
        @Option(help: "A number to remove: started, outage-time, severity or tickets (repeatable).")
        var clear: [Clearable] = []
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            _ = try parsed()
        }

        /// The change the flags ask for but the severity, which the operation reads as given (a scale's
        /// name or an alias of the incident's team, as the API's). Every bad flag is reported, one per line.
        func parsed() throws -> IncidentStore.Changes {
            var c = IncidentStore.Changes()
            var problems: [String] = []
            c.title = title
            c.description = description
            if let started {
                c.startedAt = ReportDate.parse(started)
                if c.startedAt == nil {
                    problems.append(
                        "--started \"\(started)\" is not YYYY-MM-DD HH:MM (with an optional UTC or ±HH:MM) or ISO 8601")
                }
            }
            if let outageTime {
                c.outageMinutes = ReportDate.minutes(outageTime)
                if c.outageMinutes == nil {
                    problems.append("--outage-time \"\(outageTime)\" is not hh:mm or N minutes")
                }
            }
            if let tickets {
                c.tickets = Int(tickets.trimmingCharacters(in: .whitespaces))
                if c.tickets == nil { problems.append("--tickets \"\(tickets)\" is not a whole number") }
            }
            if let detectedBy {
                let trimmed = detectedBy.trimmingCharacters(in: .whitespaces)
                c.detectedBy = trimmed.isEmpty ? nil : DetectionSource(parsing: trimmed)
                if c.detectedBy == nil {
                    problems.append("--detected-by \"\(detectedBy)\" is not alert, customer, staff or unknown")
                }
            }
            c.status = status.flatMap { IncidentStatus(rawValue: $0.rawValue) }
            c.clear = Swift.Set(clear.map(\.field))
            problems += c.problems().map(\.message)
            if c.fields.isEmpty && severity == nil && problems.isEmpty {
                problems.append(
                    "give at least one of --title, --description, --started, --outage-time, --severity, --tickets, "
                        + "--detected-by, --status or --clear")
            }
            if !problems.isEmpty { throw ValidationError(problems.joined(separator: "\n")) }
            return c
        }

        func run() async throws {
            var fields = IncidentFields(try parsed())
            if let severity { fields.severity = .name(severity) }
            let (key, asked) = (self.key, fields)
            let summary = try await global.withOperations { operations in
                // The change is made at the version read, so that what it reports changed is what it changed.
                let before = try await operations.incident(key)
                let after: Versioned<IncidentView>
                do {
                    after = try await operations.setIncident(key, asked, expectedVersion: before.version)
                } catch let error as StoreError
                    where severity != nil && error.kind == .invalid && error.field == "severity"
                {
                    // A severity neither the scales nor the team's aliases know: the flag's value is wrong (2).
                    throw CLIFailure(code: 2, message: "--severity \(error.message)")
                }
                return Self.summary(before: before.value, after: after.value)
            }
            print(summary)
        }

        /// What the update did, for the terminal: each field that changed, as `before -> after`.
        static func summary(before: IncidentView, after: IncidentView) -> String {
            let key = after.key
            let state =
                after.missing.isEmpty
                ? "\(key) is published." : "\(key) is a draft; missing: \(after.missing.joined(separator: ", "))."
            let changed = IncidentStore.Field.allCases.filter { text(of: $0, in: before) != text(of: $0, in: after) }
            guard !changed.isEmpty else {
                return "No change to \(key): it already states those values. \(state)"
            }
            let shown = changed.filter { $0 != .status }.map { field in
                "\(field.reportName) \(text(of: field, in: before)) -> \(text(of: field, in: after))"
            }
            let published = changed.contains(.status) && after.status == .published
            return (shown.isEmpty ? "Updated \(key). " : "Updated \(key): \(shown.joined(separator: "; ")). ")
                + (published ? "\(key) is now published: it states every number scoring needs." : state)
        }

        /// A field's value as the summary writes it (`none` when absent).
        static func text(of field: IncidentStore.Field, in view: IncidentView) -> String {
            switch field {
            case .title: "\"\(view.title)\""
            case .description: "\"\(view.description)\""
            case .startedAt: view.startedAt.map { ISO8601Format.string($0) } ?? "none"
            case .outageMinutes: view.outageMinutes.map(ReportDate.formatMinutes) ?? "none"
            case .severity: view.severity?.description ?? "none"
            case .detectedBy: view.detectedBy.rawValue
            case .tickets: view.tickets.map(String.init) ?? "none"
            case .status: view.status.rawValue
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who imported and changed an incident and when, with each change's before and after values.",
            discussion: Help.discussion(examples: ["firebreak incident history INC-7"]))
        @Argument(help: "Incident key, e.g. INC-7.") var key: String
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let key = self.key
            let entries = try await global.withOperations { try await $0.incidentHistory(key) }
            try Output.print(entries, as: output) {
                Listing(
                    columns: ["at", "actor", "what", "details"],
                    rows: entries.map { [ISO8601Format.string($0.at), $0.actor, $0.verb, $0.summary] })
            }
        }
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakStore

struct IncidentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "List and show outage reports.",
        subcommands: [List.self, Show.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List incidents, oldest first.")
        @Option(help: "Only this team.") var team: String?
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let incidents = try await global.withDatabase { try await IncidentStore(database: $0).list(team: team) }
            try Output.print(incidents, as: output.format) {
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
            abstract: "Show one incident as its outage report (Markdown), or as JSON.")
        @Argument(help: "Incident key, e.g. INC-7.") var key: String
        @Option(help: "Output format: markdown or json.") var format: ShowFormat = .markdown
        @OptionGroup var global: GlobalOptions

        enum ShowFormat: String, ExpressibleByArgument { case markdown, json }

        func run() async throws {
            let report = try await global.withDatabase { try await IncidentStore(database: $0).report(key) }
            switch format {
            case .markdown: print(OutageReportWriter.markdown(report), terminator: "")
            case .json: print(try JSONText.pretty(IncidentJSON(report)))
            }
        }
    }
}

/// An incident in JSON, with its actions and their coverage.
struct IncidentJSON: Encodable {
    var key: String?
    var title: String
    var description: String
    var startedAt: String?
    var outageMinutes: Int?
    var severity: String?
    var detectedBy: String
    var tickets: Int?
    var components: [String]
    var categories: [String]
    var team: String?
    var status: String
    var missing: [String]
    var explanation: String
    var investigations: String
    var actions: [Action]

    struct Action: Encodable {
        var key: String?
        var title: String?
        var kind: String?
        var coverage: Double
    }

    init(_ r: OutageReport) {
        key = r.key
        title = r.title
        description = r.description
        startedAt = r.startedAt.map(ISO8601Format.string)
        outageMinutes = r.outageMinutes
        severity = r.severity?.description
        detectedBy = r.detectedBy.rawValue
        tickets = r.tickets
        components = r.components
        categories = r.categories
        team = r.team
        status = r.status.rawValue
        missing = r.missingFields
        explanation = r.explanation
        investigations = r.investigations
        actions = r.actions.map {
            Action(key: $0.key, title: $0.title, kind: $0.kind?.rawValue, coverage: $0.coverage ?? 1)
        }
    }
}

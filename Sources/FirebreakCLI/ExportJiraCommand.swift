import ArgumentParser
import FirebreakCore
import FirebreakStore
import Foundation

/// `--plan N|latest` and `--team`.
struct PlanChoice: ParsableArguments {
    @OptionGroup var team: TeamOption
    @Option(help: "Plan number, or 'latest'.") var plan: String = "latest"

    func validate() throws {
        guard plan == "latest" || Int(plan).map({ $0 >= 1 }) == true else {
            throw ValidationError("--plan \"\(plan)\" is not a number or 'latest'")
        }
    }

    var number: Int? { Int(plan) }
}

struct ExportJiraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jira-csv",
        abstract: "Write the plan as a CSV file that Jira's importer takes as it is.",
        discussion: """
            UTF-8 without BOM, RFC 4180 quoting, one row per item: Issue ID, Parent, Issue Type,
            Summary, Description, Priority, Labels (repeated), Component/s (repeated), Sprint, story
            points, Assignee (the claimant's email), Due Date (yyyy-MM-dd). Cells beginning with
            = + - @ tab or CR get a leading ' so that spreadsheets do not run them (--raw: as they are).
            exports/jira-csv-import.json is an importer configuration for these columns; see exports/README.md.
            """)

    @OptionGroup var choice: PlanChoice
    @Option(name: [.short, .customLong("output")], help: "Write to this file (default: stdout).") var output: String?
    @Option(help: "Epic rows: none, sprint (one per improvement sprint) or incident.") var epics: JiraCSVOptions.Epics =
        .none
    @Option(help: "The story points column: \"Story Points\" or \"Story point estimate\".")
    var storyPointsField = "Story Points"
    @Flag(help: "Also export the unplanned backlog (Sprint left empty).") var includeBacklog = false
    @Flag(help: "Do not neutralise formula-like cells.") var raw = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard ["Story Points", "Story point estimate"].contains(storyPointsField) else {
            throw ValidationError("--story-points-field must be \"Story Points\" or \"Story point estimate\"")
        }
    }

    func run() async throws {
        let options = JiraCSVOptions(
            epics: epics, storyPointsField: storyPointsField, includeBacklog: includeBacklog, raw: raw)
        let (choice, output) = (self.choice, self.output)
        let count = try await global.withDatabase { db in
            let team = try await choice.team.resolve(in: db)
            return try await OutputSink.writing(to: output) { sink in
                try await JiraExport.write(team: team, plan: choice.number, options: options, db: db, to: sink)
            }
        }
        if let output { Terminal.standardError("Wrote \(count) rows to \(output).\n") }
    }
}

/// The Jira export: counts first (for the repeated columns and the priorities), then streams.
enum JiraExport {
    @discardableResult
    static func write(
        team: String, plan number: Int?, options: JiraCSVOptions, db: Database, to sink: OutputSink
    ) async throws -> Int {
        let store = ExportStore(database: db)
        let plan = try await store.planNumber(team: team, number: number)
        let shape = try await store.shape(team: team, plan: plan, includeBacklog: options.includeBacklog)
        let writer = JiraCSVWriter(
            options: options, labelColumns: 1 + (shape.hasCategory ? 1 : 0) + shape.maxIncidents,
            componentColumns: shape.maxComponents)
        var out = sink
        writer.writeHeader(to: &out)
        var epicOf: [String: Int] = [:]  // sprint name or incident key -> epic row id
        var nextID = 1
        switch options.epics {
        case .none: break
        case .sprint:
            let stored = try await PlanStore(database: db).get(team: team, number: plan)
            for sprint in stored.sprints where sprint.kind == .improvement && !sprint.items.isEmpty {
                writer.writeEpic(
                    id: nextID, summary: "\(sprint.name): improvement sprint",
                    description: "Improvement sprint \(sprint.startsOn) to \(sprint.endsOn), plan \(plan).",
                    labels: ["firebreak"], to: &out)
                epicOf[sprint.name] = nextID
                nextID += 1
            }
        case .incident:
            for incident in try await store.incidents(team: team, plan: plan, includeBacklog: options.includeBacklog) {
                writer.writeEpic(
                    id: nextID, summary: "\(incident.key): \(incident.title)",
                    description: "Preventative actions for outage \(incident.key).",
                    labels: ["firebreak", incident.key],
                    to: &out)
                epicOf[incident.key] = nextID
                nextID += 1
            }
        }
        var position = 0
        let progress = Terminal.Progress(total: shape.rows, label: "Exporting", minimum: 10_000)
        try await store.items(team: team, plan: plan, includeBacklog: options.includeBacklog) { item in
            let parent: Int? =
                switch options.epics {
                case .none: nil
                case .sprint: item.sprint.flatMap { epicOf[$0] }
                case .incident: item.incidents.first.flatMap { epicOf[$0.key] }
                }
            writer.writeItem(
                item, id: nextID, parent: parent,
                priority: JiraCSVWriter.priority(position: position, of: shape.rows), to: &out)
            nextID += 1
            position += 1
            if position % 5000 == 0 { progress.update(position) }
        }
        progress.finish()
        return position
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakStore
import Foundation

/// `--plan N|latest` and `--team`.
struct PlanChoice: ParsableArguments {
    @OptionGroup var team: TeamOption
    @Option(parsing: .unconditional, help: "Plan number, or 'latest'.") var plan: String = "latest"

    func validate() throws {
        guard plan == "latest" || Int(plan).map({ (1...PlanStore.maxNumber).contains($0) }) == true else {
            throw ValidationError("--plan must be a number from 1 to \(PlanStore.maxNumber) or 'latest', got \(plan)")
        }
    }

    var number: Int? { Int(plan) }
}

struct ExportJiraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jira-csv",
        abstract: "Write the plan as a CSV file that Jira's importer takes as it is.",
        discussion: Help.discussion(
            """
            UTF-8 without BOM, RFC 4180 quoting, one row per item: Issue ID, Issue key (the item's \
            Jira key, so that Jira updates that issue; empty for items not in Jira yet), Parent, Issue \
            Type, Summary, Description, Priority, Labels (repeated), Component/s (repeated), Sprint \
            (repeated: the item's Jira sprints, then the plan's), story points, Assignee (the \
            claimant's email), Due Date (yyyy-MM-dd). Cells beginning with \
            = + - @ tab or CR get a leading ' so that spreadsheets do not run them (--raw: as they are). \
            exports/jira-csv-import.json is an importer configuration for these columns; see exports/README.md.
            """,
            examples: ["firebreak export jira-csv --team CORE --output plan.csv"]))

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
        let query: [String: String?] = [
            "epics": epics.rawValue, "storyPointsField": storyPointsField,
            "includeBacklog": String(includeBacklog), "raw": String(raw),
        ]
        let count: Int? = try await global.either(
            remote: { remote in
                try await APIClient(remote: remote).export(.jiraCSV, choice: choice, query: query, to: output)
                return nil
            },
            local: { db in
                let team = try await choice.team.resolve(in: db)
                return try await OutputSink.writing(to: output) { sink in
                    try await sink.export(.jiraCSV, team: team, plan: choice.number, jira: options, db: db)
                }
            })
        if let output {
            Terminal.standardError(count.map { "Wrote \($0) rows to \(output).\n" } ?? "Wrote \(output).\n")
        }
    }
}

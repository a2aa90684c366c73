import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load a realistic demo team: a salon-software platform with 18 months of outage reports.",
        discussion: Help.discussion(
            """
            Creates team CORE with five engineers and imports 25 outage reports in the canonical \
            format (shipped with Firebreak; see demo/reports/). Safe to run again: it updates \
            what is there and duplicates nothing. The team is marked as the demo's: it loads into \
            no team of yours (a CORE you created is refused), and it goes, reports and all, with \
            `firebreak team delete CORE --yes`.
            """,
            examples: ["firebreak demo --exports /tmp/demo-exports"]))

    @Option(
        name: .customLong("as-of"),
        help: "The date the demo is computed as of (YYYY-MM-DD); fixed so that its output is reproducible.")
    var asOf: String = "2026-11-28"
    @Option(help: "Folder for the demo's exports (created if missing).") var exports: String = "exports/demo"
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard CalendarDate(asOf) != nil else { throw ValidationError("--as-of \"\(asOf)\" is not a date (YYYY-MM-DD)") }
    }

    static let team = Team(key: "CORE", name: "Salon Platform")
    /// The demo's tables fit the terminal, or 100 columns when its output is kept in a file.
    static var width: Int { Screen.standardOutput().width ?? 100 }
    static let exportFiles = ["plan.jira.csv", "plan.md", "plan.html", "plan.ics", "plan.json", "INC-23.md"]

    /// Every export of `plan`, into `folder`.
    static func writeExports(plan: Int, to folder: String, db: Database) async throws {
        let files: [(PlanExportFormat, String)] = [
            (.jiraCSV, "plan.jira.csv"), (.markdown, "plan.md"), (.html, "plan.html"), (.ics, "plan.ics"),
            (.json, "plan.json"),
        ]
        for (format, name) in files {
            try await OutputSink.writing(to: folder + "/" + name) { sink in
                try await sink.export(format, team: team.key, plan: plan, jira: JiraCSVOptions(epics: .sprint), db: db)
            }
        }
        let report = try await IncidentStore(database: db).report("INC-23")
        try OutputFile.write(OutageReportWriter.markdown(report), to: folder + "/INC-23.md")
    }

    static let timeOff = [("chloe", "2026-12-21", "2027-01-01"), ("ben", "2026-11-30", "2026-12-02")]
    static let engineers = [
        Engineer(handle: "amara", displayName: "Amara Okafor", email: "amara@salonhq.example", team: "CORE"),
        Engineer(handle: "ben", displayName: "Ben Hughes", email: "ben@salonhq.example", team: "CORE"),
        Engineer(
            handle: "chloe", displayName: "Chloé Martin", email: "chloe@salonhq.example", team: "CORE", capacity: 6),
        Engineer(handle: "dev", displayName: "Dev Patel", email: "dev@salonhq.example", team: "CORE"),
        Engineer(handle: "eli", displayName: "Eli Novak", email: "eli@salonhq.example", team: "CORE", capacity: 5),
    ]

    func run() async throws {
        guard
            let reports = Bundle.module.url(forResource: "demo", withExtension: nil)?.appendingPathComponent("reports")
        else { throw CLIFailure.error("the demo reports are missing from this build") }
        let files = try ReportFiles.collect([reports.path])
        let settings = try global.settings()
        let at = CalendarDate(asOf)!.startOfDay
        let folder = exports
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (summary, seconds, incidents, actions, engineers, ranked, snapshot, plan) = try await global.withDatabase {
            db in
            let teams = TeamStore(database: db)
            let listed = try await teams.listed().first { $0.team.key == Self.team.key }
            if let listed, !listed.demo {
                throw CLIFailure.error(
                    "team \(Self.team.key) is yours, not the demo's, and the demo loads into its own team; "
                        + "run it on a database of its own: FIREBREAK_HOME=/tmp/firebreak-demo firebreak demo")
            }
            if listed == nil {
                try await teams.create(Self.team, actor: "demo", demo: true)
            }
            let existing = Set(try await teams.engineers(team: Self.team.key).map(\.handle))
            for engineer in Self.engineers where !existing.contains(engineer.handle) {
                try await teams.addEngineer(engineer, actor: "demo")
            }
            let clock = ContinuousClock()
            let start = clock.now
            let summary = try await ReportFiles.importAll(
                files, team: Self.team.key, dryRun: false, listEach: false,
                with: LocalOperations(runner: DirectRunner(database: db), caller: try .localUser()))
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            for (handle, from, to) in Self.timeOff {
                try await teams.addTimeOff(handle, from: CalendarDate(from)!, to: CalendarDate(to)!, actor: "demo")
            }
            do {
                try await ClaimStore(database: db).claim("ACT-1", by: "amara")
            } catch let error as StoreError where error.kind == .conflict {
                // Claimed by an earlier run of the demo.
            }
            let backlog = BacklogStore(database: db)
            let plan = try await PlanStore(database: db).generate(
                team: Self.team.key, asOf: at, horizon: 6, actor: "demo")
            try await Self.writeExports(plan: plan.number, to: folder, db: db)
            return (
                summary, seconds, try await IncidentStore(database: db).list(team: Self.team.key),
                try await ActionStore(database: db).list(team: Self.team.key),
                try await teams.engineers(team: Self.team.key),
                try await backlog.rank(team: Self.team.key, asOf: at), try await backlog.snapshot(team: Self.team.key),
                plan
            )
        }
        if summary.failed > 0 { throw CLIFailure.error("\(summary.failed) demo reports failed to import") }
        print(
            DemoSummary(
                team: Self.team, database: settings.display, engineers: engineers, incidents: incidents,
                actions: actions,
                importSeconds: seconds
            ).text)
        print("\nTop of the backlog as of \(asOf) (priority = value / effort; * = unestimated):")
        print(BacklogCommand.listing(Array(ranked.prefix(10))).table(width: Self.width), terminator: "")
        print("\nWhere the outages come from (cost before decay, all \(snapshot.incidents.count) incidents):")
        let categories = OutageCostReport.categories(snapshot.incidents, weights: snapshot.team.weights, asOf: at)
        print(ReportCommand.Categories.listing(categories).table(width: Self.width), terminator: "")
        print("\nExports of plan \(plan.number) written to \(folder)/: \(Self.exportFiles.joined(separator: ", ")).")
        print("\nThe next six sprints (amara has claimed ACT-1; chloe and ben have time off):\n")
        print(PlanText.text(plan), terminator: "")
        print(
            "\nNext: firebreak backlog --explain ACT-14 · firebreak lint · firebreak plan diff 1 2 · firebreak --help"
        )
        print("Remove the demo (its team, reports, actions and plans): firebreak team delete \(Self.team.key) --yes")
    }
}

/// What `firebreak demo` loaded, in a few lines.
struct DemoSummary {
    var team: Team
    var database: String
    var engineers: [Engineer]
    var incidents: [Incident]
    var actions: [Action]
    var importSeconds: Double

    var text: String {
        let drafts = incidents.filter { $0.status == .draft }.count
        let links = actions.reduce(0) { $0 + $1.links.count }
        let shared = actions.filter { $0.links.count > 1 }.count
        let customer = incidents.filter { $0.detectedBy == .customer }
        let withDetect = Set(actions.filter { $0.kind == .detect }.flatMap { $0.links.map(\.incident) })
        let blind = customer.filter { !withDetect.contains($0.key) }.map(\.key)
        let points = engineers.reduce(0) { $0 + $1.capacity }
        let minutes = incidents.compactMap(\.outageMinutes).reduce(0, +)
        let tickets = incidents.compactMap(\.tickets).reduce(0, +)
        let first = incidents.compactMap(\.startedAt).min().map { CalendarDate(containing: $0).description } ?? "-"
        let last = incidents.compactMap(\.startedAt).max().map { CalendarDate(containing: $0).description } ?? "-"
        return """
            Firebreak demo: \(team.name) (team \(team.key)) on \(database)
              \(engineers.count) engineers, \(NumberText.plain(points)) story points per sprint
              \(incidents.count) outage reports from \(first) to \(last), imported in \(String(format: "%.2f", importSeconds)) s \
            (\(incidents.count - drafts) published, \(drafts) draft)
              \(ReportDate.formatMinutes(minutes)) of outage, \(tickets) support tickets
              \(actions.count) preventative actions, \(links) links; \(shared) actions are shared by several incidents
              \(customer.count) outages were detected by customers; \(blind.count) of them have no detect action \
            (\(blind.joined(separator: ", ")))
            """
    }
}

extension DatabaseSettings {
    /// Where the database is, for people (never with a password).
    var display: String {
        switch self {
        case .server(_, let display): display
        case .embedded(let cluster): "the embedded cluster in \(cluster.clusterDirectory)"
        }
    }
}

import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO
import Testing

/// Issue #12, the Jira half: nothing merged, lost, invented or duplicated between Firebreak and Jira.
@Suite("Jira round trips")
struct JiraRoundTripTests {
    static let fixtures = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/jira")
    static let exports = [
        "jira-cloud-2026-export.csv", "jira-server-2018-export.csv", "real-planeso-jira-migration.csv",
    ]

    static func importCSV(
        _ text: String, file: String, dateFormat: JiraDateFormat? = nil, into db: Database
    ) async throws -> JiraImportOutcome {
        try await JiraImporter(database: db).importIssues(
            try JiraCSVImport.read(text, file: file, dateFormat: dateFormat), source: file, team: nil, actor: "t")
    }

    static func importFixture(_ name: String, into db: Database) async throws -> JiraImportOutcome {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        return try await importCSV(text, file: name, into: db)
    }

    /// An incident with no actions of its own, for links: INC-7, affecting Online booking and Payments.
    static let incident = """
        # INC-7: Booking API returned 502s during the Monday peak

        - **Date:** 2026-03-02 08:55 UTC
        - **Outage time:** 01:47
        - **Severity:** SEV2
        - **Detected by:** customer
        - **Number of support tickets raised:** 38
        - **Affected functionality:** Online booking, Payments
        - **Team:** CORE
        """

    @Test func labelsComponentsAndSprintsAreKeptAndShown() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            _ = try await Self.importFixture("jira-cloud-2026-export.csv", into: db)
            _ = try await Self.importFixture("jira-server-2018-export.csv", into: db)
            let store = ActionStore(database: db)
            let alert = try await store.get("OPS-101")
            #expect(alert.labels == ["firebreak", "monitoring", "INC-7"])
            #expect(alert.components == ["Online booking", "Payments"])
            #expect(alert.sprints == ["OPS Sprint 14"])
            let scheduler = try await store.get("STAB-2")
            #expect(scheduler.labels == ["firebreak", "capacity"])
            #expect(scheduler.components == ["Scheduler", "Appointments"])
            #expect(scheduler.sprints == ["STAB Sprint 3", "STAB Sprint 4"])
            let listed = try await store.list(team: "CORE").first { $0.key == "OPS-102" }
            #expect(listed?.sprints == ["OPS Sprint 14", "OPS Sprint 15"] && listed?.components == ["Online booking"])

            // The action's JSON (CLI --format json and the API) carries them.
            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(alert)) as? [String: Any]
            #expect(json?["labels"] as? [String] == ["firebreak", "monitoring", "INC-7"])
            #expect(json?["components"] as? [String] == ["Online booking", "Payments"])
            #expect(json?["sprints"] as? [String] == ["OPS Sprint 14"])

            // A later export replaces what it has columns for, and leaves the rest: this one has no
            // Sprint or Component/s column, so it says nothing of them.
            let later =
                "Summary,Issue key,Status,Labels,Labels\nAutoscale the booking API,OPS-102,To Do,scaling,scaling\n"
            let outcome = try await Self.importCSV(later, file: "later.csv", into: db)
            #expect(outcome.updated == 1 && outcome.created == 0)
            let autoscale = try await store.get("OPS-102")
            #expect(autoscale.labels == ["scaling", "scaling"])
            #expect(
                autoscale.sprints == ["OPS Sprint 14", "OPS Sprint 15"] && autoscale.components == ["Online booking"])
        }
    }

    @Test func cancelledAndAbortedIssuesAreWontfixNotDone() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let csv = """
                Summary,Issue key,Status,Resolution,Status Category
                Cancelled in a simplified workflow,OPS-1,Cancelled,Done,Done
                Aborted,OPS-2,Aborted,,Done
                Closed as a duplicate,OPS-3,Closed,Duplicate,Done
                Really done,OPS-4,Done,Done,Done
                Fixed in review,OPS-5,In Review,Fixed,In Progress
                Still to do,OPS-6,To Do,,To Do
                """
            let outcome = try await Self.importCSV(csv, file: "statuses.csv", into: db)
            #expect(outcome.created == 6 && outcome.resolved == 5)
            let statuses = try await ActionStore(database: db).list(team: "CORE").map { "\($0.key) \($0.status)" }
            #expect(
                statuses == [
                    "OPS-1 wontfix", "OPS-2 wontfix", "OPS-3 wontfix", "OPS-4 done", "OPS-5 done", "OPS-6 open",
                ])
        }
    }

    /// A Data Center export in a user's own date format, saved by a spreadsheet with 739 rows of
    /// commas at the end: refused, naming `--date-format`, and nothing written; read with it.
    @Test func aUserFormatExportWithTrailingEmptyRowsImportsWithTheDateFormat() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            var csv = """
                Summary,Issue key,Issue Type,Status,Resolution,Created,Due Date,Labels,Component/s,Sprint
                Move the scheduler out,STAB-2,Story,In Progress,,16/02/2017 15:26,30/03/2017,capacity,Scheduler,STAB Sprint 3
                Write the Gatling scenario,STAB-3,Task,Closed,Fixed,14/02/2017 10:12,,,Booking,

                """
            csv += String(repeating: ",,,,,,,,,\r\n", count: 739)
            do {
                _ = try await Self.importCSV(csv, file: "user-format.csv", into: db)
                Issue.record("a date in a user's format should have been refused")
            } catch let error as CSVError {
                #expect(error.file == "user-format.csv" && error.line == 2)
                #expect(error.reason.hasPrefix("column 6 \"Created\": \"16/02/2017 15:26\""))
                #expect(error.reason.hasSuffix("pass --date-format with it, e.g. --date-format \"dd/MM/yyyy HH:mm\""))
            }
            #expect(try await Fixtures.count("SELECT count(*)::int FROM actions", in: db) == 0)

            let outcome = try await Self.importCSV(
                csv, file: "user-format.csv", dateFormat: try JiraDateFormat("dd/MM/yyyy HH:mm"), into: db)
            #expect(outcome.created == 2 && outcome.resolved == 1)
            let scheduler = try await ActionStore(database: db).get("STAB-2")
            #expect(scheduler.due == CalendarDate("2017-03-30") && scheduler.category == "capacity")
            #expect(scheduler.sprints == ["STAB Sprint 3"] && scheduler.components == ["Scheduler"])
            #expect(try await ActionStore(database: db).get("STAB-3").status == .done)
        }
    }

    /// Import Jira's exports, export the plan with the backlog, import that file into a new
    /// database: the same items, with their keys, titles, statuses, labels, components, sprints and
    /// estimates. Importing it back into the first database updates every item and creates none.
    /// The header's shape comes with the export's first row; a plan with no rows still gets its header.
    @Test func anEmptyPlanExportsItsHeaderAlone() async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await TeamStore(database: db).addEngineer(
                Engineer(handle: "amara", displayName: "Amara", team: "CORE"), actor: "t")
            let plan = try await PlanStore(database: db).generate(
                team: "CORE", asOf: try #require(ReportDate.parse("2026-11-23")), horizon: 2, actor: "t")
            var csv = ""
            let rows = try await PlanExporter(database: db).write(
                .jiraCSV, team: "CORE", plan: plan.number, jira: JiraCSVOptions(includeBacklog: true), to: &csv)
            #expect(rows == 0)
            #expect(
                csv
                    == CSVField.row(
                        JiraCSVWriter(options: JiraCSVOptions(), labelColumns: 1, componentColumns: 1).header))
        }
    }

    /// The export reads its cursor in batches of 2,000, the next fetched while one is written:
    /// every item comes once, in plan order, whether the last batch is full or not.
    @Test(arguments: [4_000, 4_001])
    func aLargeExportComesWholeAndInOrderAcrossBatches(actions: Int) async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await SyntheticTeam.create(in: db, incidents: 50, actions: actions, links: actions)
            let plan = try await PlanStore(database: db).generate(
                team: SyntheticTeam.key, asOf: SyntheticTeam.asOf, horizon: 2, actor: "t")
            var csv = ""
            let rows = try await PlanExporter(database: db).write(
                .jiraCSV, team: SyntheticTeam.key, plan: plan.number, jira: JiraCSVOptions(includeBacklog: true),
                to: &csv)
            #expect(rows == actions)
            let keys = csv.matches(of: /Firebreak (BA-[0-9]+) \(/).map { String($0.output.1) }
            #expect(keys == plan.placements.map(\.item.key) + plan.unplanned.map(\.key))
        }
    }

    @Test func aJiraExportComesBackTheSame() async throws {
        let asOf = try #require(ReportDate.parse("2026-11-23"))  // CORE Sprint 24, an improvement sprint
        let (first, csv, plan) = try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            try await TeamStore(database: db).addEngineer(
                Engineer(handle: "amara", displayName: "Amara", email: "amara@example.com", team: "CORE"), actor: "t")
            try await Fixtures.importReport(Self.incident, into: db)
            for name in Self.exports { _ = try await Self.importFixture(name, into: db) }
            let store = ActionStore(database: db)
            // Linked to an outage, they have a value and are planned; the rest is the backlog.
            try await store.link("OPS-102", to: "INC-7", coverage: 0.5, actor: "t")
            try await store.link("STAB-5", to: "INC-7", coverage: 1, actor: "t")
            var given = ActionStore.Changes()
            given.externalKey = "OPS-300"
            given.estimate = 1
            let native = try await store.add(title: "Page on payment errors", team: "CORE", changes: given, actor: "t")
            try await store.link(native, to: "INC-7", coverage: 1, actor: "t")
            let plan = try await PlanStore(database: db).generate(team: "CORE", asOf: asOf, horizon: 6, actor: "t")
            var csv = ""
            let rows = try await PlanExporter(database: db).write(
                .jiraCSV, team: "CORE", plan: plan.number, jira: JiraCSVOptions(includeBacklog: true), to: &csv)
            let actions = try await store.list(team: "CORE")
            #expect(rows == actions.filter { $0.status == .open || $0.status == .claimed }.count)

            // Back into the same database: every item updated, none created.
            let again = try await Self.importCSV(csv, file: "plan.csv", into: db)
            #expect(again.created == 0 && again.updated == rows)
            #expect(try await store.list(team: "CORE").count == actions.count)
            return (actions, csv, plan)
        }
        let planned = Dictionary(
            uniqueKeysWithValues: plan.sprints.flatMap { sprint in sprint.items.map { ($0.key, sprint.name) } })
        #expect(planned.count == 3 && planned["OPS-102"] == "CORE Sprint 24" && planned["STAB-5"] == "CORE Sprint 24")

        // No row without a key: every exported item came from Jira or was given a key.
        let records = try CSVReader.records(csv, file: "plan.csv")
        let keyColumn = try #require(records[0].fields.firstIndex(of: "Issue key"))
        #expect(records.dropFirst().allSatisfy { !$0.fields[keyColumn].isEmpty })

        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await Fixtures.team(in: db)
            let outcome = try await Self.importCSV(csv, file: "plan.csv", into: db)
            let second = try await ActionStore(database: db).list(team: "CORE")
            let exported = first.filter { $0.status == .open || $0.status == .claimed }
            #expect(outcome.created == exported.count && outcome.updated == 0 && second.count == exported.count)
            #expect(
                !exported.isEmpty && exported.contains { !$0.sprints.isEmpty }
                    && exported.contains { !$0.labels.isEmpty })
            let incidentComponents = ["Online booking", "Payments"]
            for before in exported {
                let key = try #require(before.externalKey, "\(before.key) has no Jira key")
                let after = try #require(second.first { $0.key == key }, "\(key) did not come back")
                #expect(after.externalKey == key)
                #expect(after.title == before.title, "\(key)")
                #expect(after.status == .open && after.estimate == before.estimate && after.due == before.due, "\(key)")
                #expect(after.description == before.description, "\(key)")
                #expect(after.category == before.category, "\(key)")
                // Firebreak's own labels are added (firebreak, the category, the incidents), none repeated.
                let added = ["firebreak"] + (before.category.map { [$0] } ?? []) + before.links.map(\.incident)
                #expect(
                    Set(after.labels) == Set(before.labels + added) && Set(after.labels).count == after.labels.count)
                // The linked incidents' affected functionality joins the item's own components.
                let linked = before.links.isEmpty ? [] : incidentComponents
                #expect(Set(after.components) == Set(before.components + linked), "\(key)")
                #expect(Set(after.components).count == after.components.count, "\(key)")
                // Jira's sprints stay, in order; the plan's sprint comes last.
                let sprint = planned[before.key]
                #expect(after.sprints == before.sprints.filter { $0 != sprint } + (sprint.map { [$0] } ?? []), "\(key)")
            }
        }
    }
}

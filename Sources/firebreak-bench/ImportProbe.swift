import ArgumentParser
import FirebreakCore
import FirebreakStore
import FirebreakTesting
import Foundation
import PostgresNIO

#if canImport(Glibc)
import Glibc
#endif

/// Where an import's time goes: reading and parsing, then the import itself, split into this
/// process's CPU, the database's CPU (its backends for this database) and the rest (waiting: round
/// trips, commits, the scheduler).
struct ImportProbe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-probe", abstract: "Split the report and Jira imports' time into parsing, client, server.")
    @Option var reports = 2_000
    @Option var jiraRows = 20_000
    @Flag(help: "Only read and parse the reports (for a profile of the parser).") var parseOnly = false
    @Option(help: "Only write the reports (DIR/reports) and the Jira CSV (DIR/jira.csv) there, to profile the CLI.")
    var writeTo: String?

    func run() async throws {
        if let writeTo {
            let base = URL(fileURLWithPath: writeTo)
            try ImportData.writeReports(reports, team: Import.team, to: base.appendingPathComponent("reports"))
            try ImportData.writeJira(jiraRows, incidents: 1_000, to: base.appendingPathComponent("jira.csv"))
            return
        }
        let folder = Import.scratch("probe-reports")
        let file = Import.scratch("probe-jira.csv")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: file)
        }
        if reports > 0 {
            try ImportData.writeReports(reports, team: Import.team, to: folder)
            try await Self.probeReports(reports, in: folder, parseOnly: parseOnly)
        }
        if jiraRows > 0 {
            try ImportData.writeJira(jiraRows, incidents: 1_000, to: file)
            try await Self.probeJira(jiraRows, in: file)
        }
    }

    static func probeReports(_ reports: Int, in folder: URL, parseOnly: Bool) async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await TeamStore(database: db).create(Team(key: Import.team, name: "Benchmark team"), actor: "bench")
            var inputs: [ReportInput] = []
            let parse = try await Timing.measure {
                for n in 1...reports {
                    let name = "INC-\(n).md"
                    let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                    inputs.append(
                        ReportInput(report: try OutageReportParser().parse(text, file: name), file: name, source: name))
                }
            }
            print(
                String(
                    format: "reports: read and parsed %d in %.2f s (%.0f µs each)", reports, parse,
                    parse / Double(reports) * 1e6))
            var texts: [String] = []
            let read = try await Timing.measure {
                for n in 1...reports {
                    texts.append(
                        try String(contentsOf: folder.appendingPathComponent("INC-\(n).md"), encoding: .utf8))
                }
            }
            let parseAlone = try await Timing.measure {
                for text in texts { _ = try OutageReportParser().parse(text, file: "INC.md") }
            }
            print(String(format: "reports: again, reading %.2f s, parsing %.2f s", read, parseAlone))
            guard !parseOnly else { return }
            let split = try await Self.split(db, name: fresh.name) {
                let results = try await ReportImporter(database: db).importReports(
                    inputs, team: Import.team, actor: "bench")
                precondition(results.allSatisfy { (try? $0.get()) != nil })
            }
            print("reports: import " + split.text(per: reports, unit: "report"))
        }
    }

    static func probeJira(_ rows: Int, in file: URL) async throws {
        try await TestDatabase.withFresh { fresh in
            let db = fresh.database
            try await SyntheticTeam.create(in: db, incidents: 1_000, actions: 1, links: 0)
            let text = try String(contentsOf: file, encoding: .utf8)
            var issues: [JiraIssue] = []
            let read = try await Timing.measure { issues = try JiraCSVImport.read(text, file: file.path) }
            print(String(format: "jira: read %d rows in %.2f s", issues.count, read))
            let jira = try await Self.split(db, name: fresh.name) {
                _ = try await JiraImporter(database: db).importIssues(
                    issues, source: file.path, team: Import.team, actor: "bench")
            }
            print("jira: import " + jira.text(per: rows, unit: "row"))
        }
    }

    struct Split {
        var wall: Double
        var client: Double
        var server: Double

        func text(per count: Int, unit: String) -> String {
            String(
                format: "%.2f s (%.0f µs a %@): this process's CPU %.2f s, the database's CPU %.2f s, waiting %.2f s",
                wall, wall / Double(count) * 1e6, unit, client, server, max(0, wall - client - server))
        }
    }

    /// Times `body`, with this process's CPU time and that of the database's backends for `name`.
    static func split(_ db: Database, name: String, _ body: () async throws -> Void) async throws -> Split {
        let backendsBefore = try await backendCPU(db, name: name)
        let clientBefore = processCPU()
        let wall = try await Timing.measure(body)
        let client = processCPU() - clientBefore
        let backendsAfter = try await backendCPU(db, name: name)
        let server = backendsAfter.reduce(0.0) { sum, entry in sum + entry.value - (backendsBefore[entry.key] ?? 0) }
        return Split(wall: wall, client: client, server: server)
    }

    static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// CPU seconds of each backend connected to database `name`, from /proc.
    static func backendCPU(_ db: Database, name: String) async throws -> [Int: Double] {
        let rows = try await db.client.query(
            "SELECT pid FROM pg_stat_activity WHERE datname = \(name)", logger: db.logger)
        var result: [Int: Double] = [:]
        for try await pid in rows.decode(Int.self) {
            if let seconds = Spawn.cpuSeconds(pid_t(pid)) { result[pid] = seconds }
        }
        return result
    }
}

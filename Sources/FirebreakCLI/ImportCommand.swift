import ArgumentParser
import FirebreakCore
import FirebreakStore
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import outage reports (Markdown) and Jira CSV exports from files or folders.",
        discussion: """
            Reads the canonical report format (see `firebreak export report KEY`) and real
            post-mortems in other shapes: action tables, "Action Items" bullet lists, grouped
            "Remediation" bullets. Folders are read recursively (*.md and *.csv, README.md skipped).

            Each file is imported in its own transaction: a file that cannot be read is
            reported as FILE:LINE: reason, nothing of it is written, and the other files
            still import. Re-importing a file updates its incident; it never duplicates actions.
            The exit status is 1 if any file failed.

            A .csv file is read as Jira's own export ("Export Excel CSV", either generation): each
            issue becomes or updates the action with its Jira key; issues Jira resolved are marked
            done (Won't Do: wontfix); epics and sub-tasks are skipped. One transaction per file.
            """)

    @Argument(help: "Report files or folders.") var paths: [String]
    @Option(help: "Team for reports that name none (default: the only team).") var team: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let files = try ReportFiles.collect(paths)
        guard !files.isEmpty else { throw CLIFailure.error("no .md or .csv files in \(paths.joined(separator: ", "))") }
        let summary = try await global.withDatabase { db in
            try await ReportFiles.importAll(files, team: team, into: db)
        }
        print(summary.text)
        if summary.failed > 0 { throw CLIFailure.silent }
    }
}

/// Finds report files and imports them one transaction each, with progress on a terminal.
enum ReportFiles {
    struct Summary: Sendable {
        var created = 0
        var updated = 0
        var actionsCreated = 0
        var actionsUpdated = 0
        var drafts = 0
        var failed = 0
        var jira = JiraImportOutcome()
        var jiraFiles = 0

        var text: String {
            let reports = created + updated
            var line = ""
            if reports > 0 || jiraFiles == 0 {
                line = "Imported \(reports) report\(reports == 1 ? "" : "s"): \(created) created, \(updated) updated; "
                line += "\(actionsCreated) actions created, \(actionsUpdated) updated."
            }
            if drafts > 0 { line += " \(drafts) draft\(drafts == 1 ? "" : "s") (see `firebreak lint`)." }
            if jiraFiles > 0 {
                line +=
                    (line.isEmpty ? "" : " ")
                    + "Jira: \(jiraFiles) file\(jiraFiles == 1 ? "" : "s"), \(jira.created) actions created, "
                line +=
                    "\(jira.updated) updated, \(jira.resolved) resolved in Jira, \(jira.skipped) epics or sub-tasks skipped."
            }
            if failed > 0 { line += " \(failed) file\(failed == 1 ? "" : "s") failed." }
            return line
        }
    }

    static func collect(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIFailure.notFound("\(path): no such file or folder")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = (fm.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                .filter {
                    ($0.lowercased().hasSuffix(".md") || $0.lowercased().hasSuffix(".csv"))
                        && ($0 as NSString).lastPathComponent.lowercased() != "readme.md"
                }
                .sorted()
            let base = path.hasSuffix("/") ? path : path + "/"
            files += found.map { base + $0 }
        }
        return files
    }

    static func importAll(_ files: [String], team: String?, into db: Database) async throws -> Summary {
        var summary = Summary()
        let progress = Terminal.Progress(total: files.count, label: "Importing")
        let importer = ReportImporter(database: db)
        for (index, file) in files.enumerated() {
            progress.update(index)
            do {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ReportError(file: file, line: 1, reason: "cannot read the file")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw ReportError(file: file, line: 1, reason: "the file is not UTF-8 text")
                }
                if file.lowercased().hasSuffix(".csv") {
                    let issues = try JiraCSVImport.read(text, file: file)
                    let outcome = try await JiraImporter(database: db).importIssues(
                        issues, source: file, team: team, actor: Actor.current)
                    summary.jiraFiles += 1
                    summary.jira.created += outcome.created
                    summary.jira.updated += outcome.updated
                    summary.jira.resolved += outcome.resolved
                    summary.jira.skipped += outcome.skipped
                    continue
                }
                guard file.lowercased().hasSuffix(".md") else {
                    throw ReportError(
                        file: file, line: 1,
                        reason: "only outage reports (.md) and Jira CSV exports (.csv) can be imported")
                }
                let report = try OutageReportParser().parse(text, file: file)
                let outcome = try await importer.importReport(report, source: file, team: team, actor: Actor.current)
                if outcome.created { summary.created += 1 } else { summary.updated += 1 }
                summary.actionsCreated += outcome.actionsCreated
                summary.actionsUpdated += outcome.actionsUpdated
                if outcome.status == .draft { summary.drafts += 1 }
            } catch let error as ReportError {
                progress.finish()
                Terminal.standardError("\(error)\n")
                summary.failed += 1
            } catch let error as StoreError where error.kind != .unavailable {
                progress.finish()
                Terminal.standardError("\(file):1: \(error.message)\n")
                summary.failed += 1
            }
        }
        progress.finish()
        return summary
    }
}

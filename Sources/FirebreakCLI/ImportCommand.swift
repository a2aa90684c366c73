import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import outage reports (Markdown) and Jira CSV exports from files or folders.",
        discussion: Help.discussion(
            """
            Reads the canonical report format (see `firebreak export report KEY`) and real post-mortems \
            in other shapes: action tables, "Action Items" bullets or checkboxes, grouped "Remediation" \
            bullets, setext headings, bold "Action item:" paragraphs. Folders are read recursively \
            (*.md and *.csv, README.md skipped).

            A report is the incident it states the key of; else the incident imported before from \
            the same file (its path under the folder); else the one with the same title and start; \
            else a new incident. Reports with the same title and different starts stay apart. \
            Re-importing a file updates its incident and never duplicates actions.

            Each file is all-or-nothing: a file that cannot be read is reported as FILE:LINE: reason, \
            nothing of it is written, and the other files still import (exit status 1). One import \
            resolves action keys across all its files, in any order. --dry-run says what would be \
            created, updated or left as a draft, and writes nothing.

            A .csv file is read as Jira's own export (either generation): each issue becomes or \
            updates the action with its Jira key; Resolution decides done or wontfix.
            """,
            examples: ["firebreak import postmortems/ --team CORE --dry-run"]))

    @Argument(help: "Report files or folders.") var paths: [String]
    @Option(help: "Team for reports that name none (default: the configured team, else the only team).")
    var team: String?
    @Flag(help: "Say what would be created, updated or left as a draft, and write nothing.") var dryRun = false
    @Option(
        help: ArgumentHelp(
            "The date format of a Jira export made in a user's own format, in Jira's letters.",
            valueName: "dd/MM/yyyy HH:mm"))
    var dateFormat: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let dateFormat {
            do throws(JiraDateFormatError) {
                _ = try JiraDateFormat(dateFormat)
            } catch {
                throw ValidationError("--date-format: \(error.reason)")
            }
        }
    }

    func run() async throws {
        let files = try ReportFiles.collect(paths)
        let format = try dateFormat.map { try JiraDateFormat($0) }
        guard !files.isEmpty else { throw CLIFailure.error("no .md or .csv files in \(paths.joined(separator: ", "))") }
        let team = try ConfiguredDefaults.value(.team, flag: self.team)
        let summary = try await global.withDatabase { db in
            try await ReportFiles.importAll(files, team: team, dryRun: dryRun, dateFormat: format, into: db)
        }
        print(summary.text)
        if summary.failed > 0 { throw CLIFailure.silent }
    }
}

/// Finds report files and imports them, each all-or-nothing, with progress on a terminal.
enum ReportFiles {
    /// A file to import: `path` as the user can open it, `source` its identity (the path under the
    /// folder it was found in, or its name).
    struct File: Sendable, Equatable {
        var path: String
        var source: String
    }

    struct Summary: Sendable {
        var created = 0
        var updated = 0
        var actionsCreated = 0
        var actionsUpdated = 0
        var drafts = 0
        var failed = 0
        var dryRun = false
        var jira = JiraImportOutcome()
        var jiraFiles = 0

        var text: String {
            let reports = created + updated
            var line = ""
            let verb = dryRun ? "Would import" : "Imported"
            if reports > 0 || jiraFiles == 0 {
                line = "\(verb) \(NumberText.counted(reports, "report")): \(created) created, \(updated) updated; "
                line += "\(actionsCreated) actions created, \(actionsUpdated) updated."
            }
            if drafts > 0 { line += " \(NumberText.counted(drafts, "draft")) (see `firebreak lint`)." }
            if jiraFiles > 0 {
                line +=
                    (line.isEmpty ? "" : " ")
                    + "Jira: \(NumberText.counted(jiraFiles, "file")), \(jira.created) actions created, "
                line +=
                    "\(jira.updated) updated, \(jira.resolved) resolved in Jira, \(jira.skipped) epics or sub-tasks skipped."
            }
            if failed > 0 { line += " \(NumberText.counted(failed, "file")) failed." }
            if dryRun { line += " Nothing was written (--dry-run)." }
            return line
        }
    }

    static func collect(_ paths: [String]) throws -> [File] {
        var files: [File] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIFailure.notFound("\(path): no such file or folder")
            }
            guard isDirectory.boolValue else {
                files.append(File(path: path, source: (path as NSString).lastPathComponent))
                continue
            }
            // Natural order (OUT-5-581 before OUT-5-1000), so that listings read as people number files.
            let found = (fm.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                .filter {
                    ($0.lowercased().hasSuffix(".md") || $0.lowercased().hasSuffix(".csv"))
                        && ($0 as NSString).lastPathComponent.lowercased() != "readme.md"
                }
                .sorted(by: ItemKey.naturalLess)
            let base = path.hasSuffix("/") ? path : path + "/"
            files += found.map { File(path: base + $0, source: $0) }
        }
        return files
    }

    static func read(_ file: String) throws(ReportError) -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ReportError(file: file, line: 1, reason: "cannot read the file")
        }
        return try ImportText(name: file, contents: data).text
    }

    /// Imports `files`; `listEach` prints a line per report (what it did and why it matched).
    static func importAll(
        _ files: [File], team: String?, dryRun: Bool, listEach: Bool = true, dateFormat: JiraDateFormat? = nil,
        into db: Database
    ) async throws -> Summary {
        var summary = Summary()
        summary.dryRun = dryRun
        var reports: [ReportInput] = []
        let reading = Terminal.Progress(total: files.count, label: "Reading  ")
        for (index, file) in files.enumerated() {
            reading.update(index)
            do {
                if file.path.lowercased().hasSuffix(".csv") {
                    reading.finish()
                    try await importJira(
                        file, team: team, dryRun: dryRun, dateFormat: dateFormat, into: db, summary: &summary)
                    continue
                }
                guard file.path.lowercased().hasSuffix(".md") else {
                    throw ReportError(
                        file: file.path, line: 1,
                        reason: "only outage reports (.md) and Jira CSV exports (.csv) can be imported")
                }
                let report = try OutageReportParser().parse(try read(file.path), file: file.path)
                reports.append(ReportInput(report: report, file: file.path, source: file.source))
            } catch let error as ReportError {
                reading.finish()
                Terminal.standardError("\(error)\n")
                summary.failed += 1
            }
        }
        reading.finish()
        guard !reports.isEmpty else { return summary }
        let progress = Terminal.Progress(total: reports.count, label: dryRun ? "Checking " : "Importing")
        let results = try await ReportImporter(database: db).importReports(
            reports, team: team, actor: Actor.current, dryRun: dryRun, progress: { progress.update($0) })
        progress.finish()
        for (input, result) in zip(reports, results) {
            switch result {
            case .success(let outcome):
                for warning in outcome.warnings { Terminal.standardError("\(warning)\n") }
                if listEach { print(line(for: outcome, input: input, dryRun: dryRun)) }
                if outcome.created { summary.created += 1 } else { summary.updated += 1 }
                summary.actionsCreated += outcome.actionsCreated
                summary.actionsUpdated += outcome.actionsUpdated
                if outcome.status == .draft { summary.drafts += 1 }
            case .failure(let error):
                Terminal.standardError("\(error)\n")
                summary.failed += 1
            }
        }
        return summary
    }

    /// `created PM2021-002 (draft) from a.md: 4 actions created, 0 updated; its key is stated in the report`.
    static func line(for outcome: ImportOutcome, input: ReportInput, dryRun: Bool) -> String {
        let verb = outcome.created ? (dryRun ? "would create" : "created") : (dryRun ? "would update" : "updated")
        let draft = outcome.status == .draft ? " (draft: \(outcome.missing.joined(separator: ", ")))" : ""
        return "\(verb) \(outcome.incident)\(draft) from \(input.file): \(outcome.actionsCreated) actions created, "
            + "\(outcome.actionsUpdated) updated; \(outcome.match.reason(key: outcome.incident, source: input.source))"
    }

    static func importJira(
        _ file: File, team: String?, dryRun: Bool, dateFormat: JiraDateFormat?, into db: Database,
        summary: inout Summary
    ) async throws {
        do {
            // Read a piece at a time, so that memory stays flat however large the export.
            let csv = JiraCSVFile(path: file.path, dateFormat: dateFormat)
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            let progress = Terminal.FileProgress(label: "Importing \(file.path)", size: size)
            defer { progress.finish() }
            let outcome = try await JiraImporter(database: db).importFile(
                csv, team: team, actor: Actor.current, dryRun: dryRun
            ) { progress.update(rows: $0.issues, bytes: $0.bytes, size: $0.size) }
            progress.finish()
            if dryRun {
                print(
                    "would import \(file.path): \(outcome.created) actions created, \(outcome.updated) updated, "
                        + "\(outcome.resolved) resolved in Jira, \(outcome.skipped) epics or sub-tasks skipped")
            }
            summary.jiraFiles += 1
            summary.jira.created += outcome.created
            summary.jira.updated += outcome.updated
            summary.jira.resolved += outcome.resolved
            summary.jira.skipped += outcome.skipped
        } catch let error as StoreError where error.kind != .unavailable {
            throw ReportError(file: file.path, line: 1, reason: error.message)
        }
    }
}

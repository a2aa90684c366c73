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
        let summary = try await global.withOperations { operations in
            try await ReportFiles.importAll(files, team: team, dryRun: dryRun, dateFormat: format, with: operations)
        }
        print(summary.text(dryRun: dryRun))
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

    /// The file's text: `name` (its identity) is `source`, and errors name the path.
    static func read(_ file: File) throws(ReportError) -> ImportText {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ReportError(file: file.path, line: 1, reason: "cannot read the file")
        }
        return try ImportText(name: file.source, contents: data, file: file.path)
    }

    /// Imports `files` through `operations`, as one import: the Jira exports one by one, in the order
    /// given, then the reports together. `listEach` prints a line per report (what it did and why it
    /// matched); errors and warnings go to stderr, in the order of the files.
    static func importAll(
        _ files: [File], team: String?, dryRun: Bool, listEach: Bool = true, dateFormat: JiraDateFormat? = nil,
        with operations: some Operations
    ) async throws -> ImportSummary {
        var summary = ImportSummary()
        var reports: [ImportText] = []
        let reading = Terminal.Progress(total: files.count, label: "Reading  ")
        for (index, file) in files.enumerated() {
            reading.update(index)
            do {
                if file.path.lowercased().hasSuffix(".csv") {
                    reading.finish()
                    summary.add(
                        try await importJira(
                            file, team: team, dryRun: dryRun, dateFormat: dateFormat, with: operations))
                    continue
                }
                guard file.path.lowercased().hasSuffix(".md") else {
                    throw ReportError(
                        file: file.path, line: 1,
                        reason: "only outage reports (.md) and Jira CSV exports (.csv) can be imported")
                }
                reports.append(try read(file))
            } catch let error as ReportError {
                reading.finish()
                Terminal.standardError("\(error)\n")
                summary.failed += 1
            }
        }
        reading.finish()
        guard !reports.isEmpty else { return summary }
        let progress = Terminal.Progress(total: reports.count, label: dryRun ? "Checking " : "Importing")
        let results = try await operations.importReports(
            reports, team: team, dryRun: dryRun, progress: { progress.update($0) })
        progress.finish()
        for (input, result) in zip(reports, results) {
            switch result {
            case .success(let view):
                for warning in view.warnings { Terminal.standardError("\(warning)\n") }
                if listEach { print(line(for: view, input: input)) }
            case .failure(let error):
                Terminal.standardError("\(error)\n")
            }
            summary.add(result)
        }
        return summary
    }

    /// `created PM2021-002 (draft) from a.md: 4 actions created, 0 updated; its key is stated in the report`.
    static func line(for view: ReportImportView, input: ImportText) -> String {
        let dryRun = view.dryRun
        let verb = view.created ? (dryRun ? "would create" : "created") : (dryRun ? "would update" : "updated")
        let draft = view.status == .draft ? " (draft: \(view.missing.joined(separator: ", ")))" : ""
        return "\(verb) \(view.incident)\(draft) from \(input.file): \(view.actionsCreated) actions created, "
            + "\(view.actionsUpdated) updated; \(view.match.reason(key: view.incident, source: input.name))"
    }

    /// Imports one Jira export, read a piece at a time with a progress line on a terminal for a large
    /// one; any error of the file's is `FILE:LINE: reason`.
    static func importJira(
        _ file: File, team: String?, dryRun: Bool, dateFormat: JiraDateFormat?, with operations: some Operations
    ) async throws -> JiraImportView {
        do {
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            let progress = Terminal.FileProgress(label: "Importing \(file.path)", size: size)
            defer { progress.finish() }
            let view = try await operations.importJira(
                .file(path: file.path, name: file.path), team: team, dateFormat: dateFormat, dryRun: dryRun
            ) { progress.update(rows: $0.issues, bytes: $0.bytes, size: $0.size) }
            progress.finish()
            if dryRun {
                print(
                    "would import \(file.path): \(view.created) actions created, \(view.updated) updated, "
                        + "\(view.resolved) resolved in Jira, \(view.skipped) epics or sub-tasks skipped")
            }
            return view
        } catch {
            guard let failure = ReportError(importing: error, file: file.path) else { throw error }
            throw failure
        }
    }
}

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
            in other shapes: action tables (with or without a heading above them), "Action Items" bullets \
            or checkboxes (soft-wrapped or not), grouped "Remediation" or "Looking Forward" bullets, \
            setext headings, YAML or TOML front matter, bold "Action item:" paragraphs. Dates and times \
            in fenced code blocks are not read as the outage's. Folders are read recursively \
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

    /// Imports `files` through `operations`' ``Operations/importFiles(_:team:dateFormat:dryRun:events:)``,
    /// which decides the order (the Jira exports one by one, then the reports together). `listEach`
    /// prints a line per report (what it did and why it matched); errors and warnings go to stderr, each
    /// as the import gets to it; progress lines only on a terminal.
    static func importAll(
        _ files: [File], team: String?, dryRun: Bool, listEach: Bool = true, dateFormat: JiraDateFormat? = nil,
        with operations: some Operations
    ) async throws -> ImportSummary {
        let lines = ImportLines(files: files, dryRun: dryRun, listEach: listEach)
        let outcomes = try await operations.importFiles(
            files.map { .disk(path: $0.path, name: $0.source) }, team: team, dateFormat: dateFormat, dryRun: dryRun,
            events: lines.events)
        var summary = ImportSummary()
        for outcome in outcomes { summary.add(outcome) }
        return summary
    }
}

import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import Synchronization

/// What `firebreak import` prints while the import runs: progress lines on a terminal (reading the
/// files, each large Jira export, the reports), then each file's outcome as the import gets to it: a
/// line per report on stdout (with `listEach`), a dry run's line per Jira export, errors and warnings
/// on stderr.
final class ImportLines: Sendable {
    let files: [ReportFiles.File]
    let dryRun: Bool
    let listEach: Bool

    private struct Progress: Sendable {
        var reading: Terminal.Progress
        var jira: Terminal.FileProgress?
        var reports: Terminal.Progress?

        /// Clears every progress line, for a line of output.
        func finish() {
            reading.finish()
            jira?.finish()
            reports?.finish()
        }
    }

    private let progress: Mutex<Progress>

    init(files: [ReportFiles.File], dryRun: Bool, listEach: Bool) {
        self.files = files
        self.dryRun = dryRun
        self.listEach = listEach
        progress = Mutex(Progress(reading: Terminal.Progress(total: files.count, label: "Reading  ")))
    }

    var events: ImportEvents {
        ImportEvents(
            next: { index, kind in self.next(index, kind) },
            jira: { _, position in
                self.progress.withLock {
                    $0.jira?.update(rows: position.issues, bytes: position.bytes, size: position.size)
                }
            },
            importing: { count in
                self.progress.withLock {
                    $0.reading.finish()
                    $0.reports =
                        count == 0
                        ? nil : Terminal.Progress(total: count, label: self.dryRun ? "Checking " : "Importing")
                }
            },
            reports: { done in self.progress.withLock { $0.reports?.update(done) } },
            finished: { index, outcome in self.finished(index, outcome) })
    }

    func next(_ index: Int, _ kind: ImportFile.Kind) {
        let path = files[index].path
        progress.withLock {
            $0.reading.update(index)
            guard kind == .jira else { return }
            $0.reading.finish()
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            $0.jira = Terminal.FileProgress(label: "Importing \(path)", size: size)
        }
    }

    func finished(_ index: Int, _ outcome: ImportedFile) {
        progress.withLock {
            $0.finish()
            $0.jira = nil
        }
        let file = files[index]
        switch outcome {
        case .failed(let error):
            Terminal.standardError("\(error)\n")
        case .jira(let view):
            if dryRun {
                print(
                    "would import \(file.path): \(view.created) actions created, \(view.updated) updated, "
                        + "\(view.resolved) resolved in Jira, \(view.skipped) epics or sub-tasks skipped")
            }
        case .report(let view):
            for warning in view.warnings { Terminal.standardError("\(warning)\n") }
            if listEach { print(Self.line(for: view, file: file)) }
        }
    }

    /// `created PM2021-002 (draft: severity) from a.md: 4 actions created, 0 updated; its key is stated in
    /// the report`.
    static func line(for view: ReportImportView, file: ReportFiles.File) -> String {
        let dryRun = view.dryRun
        let verb = view.created ? (dryRun ? "would create" : "created") : (dryRun ? "would update" : "updated")
        let draft = view.status == .draft ? " (draft: \(view.missing.joined(separator: ", ")))" : ""
        return "\(verb) \(view.incident)\(draft) from \(file.path): \(view.actionsCreated) actions created, "
            + "\(view.actionsUpdated) updated; \(view.match.reason(key: view.incident, source: file.source))"
    }
}

public import FirebreakCore
import Foundation

/// An import of several files, as `firebreak import` and the web app's import page run it: the one
/// place that decides what each file is and in which order they go in.
extension Operations {
    /// Imports `files` (with `dryRun`, writes nothing) as one import: each Jira export (`.csv`) in its
    /// own transaction, in the order given, then the outage reports (`.md`) together, so that a report
    /// may link an action an export brings in, and the reports resolve each other's action keys
    /// (``importReports(_:team:dryRun:progress:)``). Any other file is refused. Each file is all or
    /// nothing: one that cannot be read or imported is a `.failed` outcome naming it and its line, and
    /// the others still go in; an error that is no file's (the database is down) is thrown. One outcome
    /// per file, in the order given; `events` hears each as it is known.
    public func importFiles(
        _ files: [ImportFile], team: String?, dateFormat: JiraDateFormat?, dryRun: Bool,
        events: ImportEvents = ImportEvents()
    ) async throws -> [ImportedFile] {
        var outcomes = [ImportedFile?](repeating: nil, count: files.count)
        func finish(_ index: Int, _ outcome: ImportedFile) {
            outcomes[index] = outcome
            events.finished(index, outcome)
        }
        var reports: [(index: Int, text: ImportText)] = []
        for (index, file) in files.enumerated() {
            events.next(index, file.kind)
            if case .refused(let error) = file {
                finish(index, .failed(error))
                continue
            }
            switch file.kind {
            case .unsupported:
                finish(
                    index,
                    .failed(
                        ReportError(
                            file: file.file, line: 1,
                            reason: "only outage reports (.md) and Jira CSV exports (.csv) can be imported")))
            case .jira:
                let export: JiraExport
                switch file {
                case .text, .upload, .refused:
                    do throws(ReportError) {
                        export = .text(try Self.text(of: file))
                    } catch {
                        finish(index, .failed(error))
                        continue
                    }
                // A file on disk is named by its path, as the user gave it, in the audit log too.
                case .disk(let path, _): export = .file(path: path, name: path)
                }
                do {
                    let view = try await importJira(
                        export, team: team, dateFormat: dateFormat, dryRun: dryRun,
                        progress: { events.jira(index, $0) })
                    finish(index, .jira(view))
                } catch {
                    guard let failure = ReportError(importing: error, file: file.file) else { throw error }
                    finish(index, .failed(failure))
                }
            case .report:
                do throws(ReportError) {
                    reports.append((index, try Self.text(of: file)))
                } catch {
                    finish(index, .failed(error))
                }
            }
        }
        events.importing(reports.count)
        if !reports.isEmpty {
            let results = try await importReports(
                reports.map(\.text), team: team, dryRun: dryRun, progress: { events.reports($0) })
            for (report, result) in zip(reports, results) {
                switch result {
                case .success(let view): finish(report.index, .report(view))
                case .failure(let error): finish(report.index, .failed(error))
                }
            }
        }
        return outcomes.map { $0! }
    }

    /// The text of a file to import: read from disk or decoded from its bytes, refused (naming the
    /// file) when it cannot be read or is not UTF-8 text.
    static func text(of file: ImportFile) throws(ReportError) -> ImportText {
        switch file {
        case .text(let text): return text
        case .upload(let name, let bytes): return try ImportText(name: name, contents: bytes)
        case .refused(let error): throw error
        case .disk(let path, let name):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ReportError(file: path, line: 1, reason: "cannot read the file")
            }
            return try ImportText(name: name, contents: data, file: path)
        }
    }
}

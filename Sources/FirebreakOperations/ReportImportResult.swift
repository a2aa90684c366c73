public import FirebreakCore

/// One report's result in the answer of `POST /v1/imports/reports`: what importing it did (or would do),
/// or the error that kept all of it out, as ``Operations/importReports(_:team:dryRun:progress:)`` gives it.
public struct ReportImportResult: Codable, Sendable, Equatable {
    /// A report that could not be imported: `FILE:LINE: reason`, in parts.
    public struct Failure: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var reason: String
    }

    /// The report's name, as sent.
    public var name: String
    /// What the import did; absent when it failed.
    public var imported: ReportImportView?
    /// Why nothing of the report was written; absent when it was imported.
    public var error: Failure?

    public init(name: String, _ result: Result<ReportImportView, ReportError>) {
        self.name = name
        switch result {
        case .success(let view): imported = view
        case .failure(let error): self.error = Failure(file: error.file, line: error.line, reason: error.reason)
        }
    }

    /// The result as the operation gives it; a result with neither part (not one this service sends)
    /// is an error naming the report.
    public var result: Result<ReportImportView, ReportError> {
        if let imported { return .success(imported) }
        let failure = error ?? Failure(file: name, line: 1, reason: "the service answered nothing for this report")
        return .failure(ReportError(file: failure.file, line: failure.line, reason: failure.reason))
    }
}

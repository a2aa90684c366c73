/// The JSON body of `POST /v1/imports/reports`: outage reports to import together, in order, as
/// ``Operations/importReports(_:team:dryRun:progress:)`` takes them.
public struct ReportImportRequest: Codable, Sendable, Equatable {
    /// One report: `name` is its identity (re-importing the same name updates the same incident), `text`
    /// its Markdown, and `file`, when given, how errors and warnings name it (default: `name`).
    public struct Report: Codable, Sendable, Equatable {
        public var name: String
        public var text: String
        public var file: String?

        /// The keys a report's object may have.
        public static let keys: Set<String> = ["name", "text", "file"]
    }

    public var reports: [Report]

    /// The keys the body may have.
    public static let keys: Set<String> = ["reports"]

    public init(_ texts: [ImportText]) {
        reports = texts.map { Report(name: $0.name, text: $0.text, file: $0.file == $0.name ? nil : $0.file) }
    }

    /// The reports as the operation takes them.
    public var texts: [ImportText] { reports.map { ImportText(name: $0.name, text: $0.text, file: $0.file) } }
}

import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// The pages of an import: the dry run (each file's outcome, the confirm form carrying the files), the
/// import that did not all go in, and the summary a confirmed import redirects to.
enum WebImportResult {
    struct ReportFacts {
        var incident: String
        /// Whether the incident exists to be linked to: not one the dry run would only create.
        var linked: Bool
        var what: String
        var draft: Bool
        /// What a draft lacks, as `firebreak lint` names it; nil when it is published.
        var missing: String?
        var actions: String
        var links: Int
        var why: String
    }

    struct JiraFacts {
        var created: Int
        var updated: Int
        var resolved: Int
        var skipped: String
    }

    struct FileView {
        var id: String
        var name: String
        var kind: String
        var error: String?
        var report: ReportFacts?
        var jira: JiraFacts?
        var warnings: [String]
        var hasWarnings: Bool
    }

    /// A file the confirm form carries: its name and its bytes in base64.
    struct Carried {
        var name: String
        var content: String
    }

    struct View {
        var team: String
        var dateFormat: String
        var csrf: String
        var dryRun: Bool
        var heading: String
        var summary: [String]
        var files: [FileView]
        var carried: [Carried]
        var canImport: Bool
        var importLabel: String
        var leftOut: String?
    }

    /// The dry run's page (`dryRun`), or the page of an import where some files failed: 422 when a file
    /// has an error, so that the status says not all of it went in.
    static func page(
        _ uploads: [WebImport.Upload], _ outcomes: [WebImport.Outcome], team: String, dateFormat: String,
        dryRun: Bool, session: WebSession
    ) -> Response {
        let files = zip(uploads, outcomes).enumerated().map { index, pair in
            fileView(pair.0, pair.1, number: index + 1, dryRun: dryRun)
        }
        let good = zip(uploads, outcomes).filter { !$0.1.failed }.map(\.0)
        let failed = outcomes.count - good.count
        let view = View(
            team: team, dateFormat: dateFormat, csrf: session.csrf, dryRun: dryRun,
            heading: dryRun ? "Import: what would happen" : "Import: not all of it went in",
            summary: ImportSummary(outcomes).sentences(dryRun: dryRun), files: files,
            carried: dryRun ? good.map { Carried(name: $0.name, content: Data($0.bytes).base64EncodedString()) } : [],
            canImport: dryRun && !good.isEmpty,
            importLabel: "Import " + (good.count == 1 ? good[0].name : "these \(good.count) files"),
            leftOut: failed == 0
                ? nil
                : "\(NumberText.counted(failed, "file")) with an error \(failed == 1 ? "is" : "are") left out: "
                    + "fix \(failed == 1 ? "it" : "them") and import \(failed == 1 ? "it" : "them") again.")
        return WebPage.render(
            "import-result", view, title: view.heading, session: session, current: "/incidents",
            status: failed == 0 ? .ok : .unprocessableContent)
    }

    static func fileView(
        _ upload: WebImport.Upload, _ outcome: WebImport.Outcome, number: Int, dryRun: Bool
    ) -> FileView {
        let lower = upload.name.lowercased()
        var view = FileView(
            id: "file-\(number)", name: upload.name,
            kind: lower.hasSuffix(".md") ? "outage report" : lower.hasSuffix(".csv") ? "Jira CSV export" : "file",
            error: nil, report: nil, jira: nil, warnings: [], hasWarnings: false)
        switch outcome {
        case .failed(let message):
            view.error = message
        case .jira(let jira):
            view.jira = JiraFacts(
                created: jira.created, updated: jira.updated, resolved: jira.resolved, skipped: skipped(jira.skipped))
        case .report(let report):
            let verb =
                report.created ? (dryRun ? "would be created" : "created") : (dryRun ? "would be updated" : "updated")
            view.report = ReportFacts(
                incident: report.incident, linked: !(dryRun && report.created),
                what: verb + (report.status == .draft ? (dryRun ? ", and left draft" : ", left draft") : ""),
                draft: report.status == .draft,
                missing: report.status == .draft ? report.missing.joined(separator: ", ") : nil,
                actions: "\(report.actionsCreated) created, \(report.actionsUpdated) updated", links: report.links,
                why: report.match.reason(key: report.incident, source: upload.name))
            view.warnings = report.warnings
            view.hasWarnings = !report.warnings.isEmpty
        }
        return view
    }

    // MARK: The summary after a confirmed import

    /// `1 epic or sub-task`, `3 epics or sub-tasks`.
    static func skipped(_ count: Int) -> String {
        "\(count) \(count == 1 ? "epic or sub-task" : "epics or sub-tasks")"
    }

    /// Where a confirmed import that went in whole redirects: the summary, carried in the address.
    static func doneLocation(_ outcomes: [WebImport.Outcome], team: String) -> String {
        "/incidents/import/done?team=\(WebSignIn.encoded(team))&" + ImportSummary(outcomes).query
    }

    struct KeyLink {
        var key: String
        var last: Bool
    }

    struct DoneView {
        var team: String
        var summary: [String]
        var created: [KeyLink]
        var updated: [KeyLink]
        var drafts: [KeyLink]
        var hasCreated: Bool
        var hasUpdated: Bool
        var hasDrafts: Bool
    }

    static func done(_ request: Request, session: WebSession) throws -> Response {
        let counts = try ImportSummary(query: { try request.query($0) })
        func links(_ keys: [String]) -> [KeyLink] {
            keys.enumerated().map { KeyLink(key: $0.element, last: $0.offset == keys.count - 1) }
        }
        let view = DoneView(
            team: try request.query("team") ?? "", summary: counts.sentences(dryRun: false),
            created: links(counts.created), updated: links(counts.updated), drafts: links(counts.drafts),
            hasCreated: !counts.created.isEmpty, hasUpdated: !counts.updated.isEmpty, hasDrafts: !counts.drafts.isEmpty)
        return WebPage.render("import-done", view, title: "Imported", session: session, current: "/incidents")
    }
}

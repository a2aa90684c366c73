import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird

/// Import (a manager's): outage reports (.md) and Jira CSV exports (.csv) chosen in one form. First
/// the dry run: the real importer runs each file and rolls back, and the page says per file what would
/// be created, updated or left draft, with warnings, and each error as `FILE:LINE: reason`. Then
/// "Import" runs the same files for real, as `firebreak import` does (the Jira exports one transaction
/// each, then the reports together, each all or nothing), and redirects to a summary.
///
/// The process keeps nothing between the two requests: the dry run's page carries the files it read,
/// byte for byte (base64, which no browser rewrites, where a text field's line breaks would become
/// CRLF), in hidden fields of the confirm form. The confirmation therefore imports exactly the bytes
/// that were previewed, with no table to expire or clean up, and any instance can serve it.
package enum WebImport {
    /// The most files one import takes: the rest go in another round, or through `firebreak import`.
    static let maxFiles = 100
    /// Parts of one form: each file (the confirm form carries two hidden fields a file) and the fields.
    static let maxParts = 2 * maxFiles + 8

    /// The largest confirm form: the files of an upload within `uploadLimit` bytes, in base64 (4 bytes
    /// for each 3), with room for the fields and the parts' headers.
    package static func confirmLimit(_ uploadLimit: Int) -> Int { uploadLimit / 3 * 4 + (64 << 10) }

    /// A file as chosen: its name without any folder a browser sent, and its bytes.
    struct Upload: Sendable {
        var name: String
        var bytes: [UInt8]
    }

    /// What importing a file did or would do.
    enum Outcome: Sendable {
        case report(ReportImportView)
        case jira(JiraImportView)
        /// `FILE:LINE: reason`; nothing of the file is written.
        case failed(String)

        var failed: Bool { if case .failed = self { true } else { false } }
    }

    // MARK: The form

    struct FormView {
        var team: String
        var teams: [WebBacklog.TeamOption]
        var csrf: String
        var dateFormat: String
        var filesError: String?
        var dateFormatError: String?
        var maxFiles: Int
        var limit: String
    }

    static func form(
        _ operations: some Operations, session: WebSession, team: String?, limit: Int, dateFormat: String = "",
        error: (field: String, message: String)? = nil
    ) async throws -> Response {
        let teams = try await operations.teams()
        let me = try await operations.me()
        let team = team.flatMap { $0.isEmpty ? nil : $0 } ?? me.team ?? teams.first?.key ?? ""
        let view = FormView(
            team: team, teams: teams.map { WebBacklog.TeamOption(key: $0.key, selected: $0.key == team) },
            csrf: session.csrf, dateFormat: dateFormat,
            filesError: error?.field == "files" ? error?.message : nil,
            dateFormatError: error?.field == "dateFormat" ? error?.message : nil, maxFiles: maxFiles,
            limit: byteText(limit))
        return WebPage.render(
            "import", view, title: "Import", session: session, current: "/incidents",
            status: error == nil ? .ok : .unprocessableContent)
    }

    // MARK: Reading the forms

    /// The files of the upload form, in the order chosen; an input with no file chosen is no file.
    static func uploads(_ form: Multipart) -> [Upload] {
        form.files.compactMap { part in
            guard let name = part.filename.map(baseName), !name.isEmpty else { return nil }
            return Upload(name: name, bytes: part.data)
        }
    }

    /// The files the dry run's page carried: `name` and `content` (base64) fields, in pairs, in order.
    static func carried(_ form: Multipart) throws -> [Upload] {
        let names = form.parts.filter { $0.name == "name" && $0.filename == nil }.compactMap(\.text)
        let contents = form.parts.filter { $0.name == "content" && $0.filename == nil }.compactMap(\.text)
        guard !names.isEmpty, names.count == contents.count else {
            throw Problem(
                .malformed, status: .badRequest,
                detail: "The form does not carry the files of a dry run. Choose the files and preview them again.")
        }
        return try zip(names, contents).map { name, content in
            guard let data = Data(base64Encoded: content) else {
                throw Problem(
                    .malformed, status: .badRequest,
                    detail: "The form's copy of \(name) is damaged. Choose the files and preview them again.")
            }
            return Upload(name: baseName(name), bytes: Array(data))
        }
    }

    /// The date format field: nil when empty; a problem on the field when Jira's letters cannot read it.
    static func dateFormat(_ text: String) throws -> JiraDateFormat? {
        guard !text.isEmpty else { return nil }
        do throws(JiraDateFormatError) {
            return try JiraDateFormat(text)
        } catch {
            throw Problem(.invalid, status: .unprocessableContent, detail: error.description, field: "dateFormat")
        }
    }

    /// The name without the folders some browsers send (`C:\reports\a.md`, `reports/a.md`).
    static func baseName(_ name: String) -> String {
        String(name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
    }

    // MARK: Importing

    /// Imports `uploads` (a dry run, or for real) through the operations' ``Operations/importFiles(_:team:dateFormat:dryRun:events:)``,
    /// as `firebreak import` does: each Jira export in its own transaction, then the reports together,
    /// each all or nothing. A file that cannot be imported is an outcome naming it and its line, not an
    /// error of the request; so is a second file of one name, which the browser's form allows.
    static func run(
        _ uploads: [Upload], team: String, dateFormat: JiraDateFormat?, dryRun: Bool, _ operations: some Operations
    ) async throws -> [Outcome] {
        var names: Set<String> = []
        let files = uploads.map { upload -> ImportFile in
            guard names.insert(upload.name).inserted else {
                return .refused(
                    ReportError(
                        file: upload.name, line: 1,
                        reason: "another file of this name is in the same import; rename one"))
            }
            return .upload(name: upload.name, bytes: upload.bytes)
        }
        return try await operations.importFiles(files, team: team, dateFormat: dateFormat, dryRun: dryRun).map {
            switch $0 {
            case .report(let view): .report(view)
            case .jira(let view): .jira(view)
            case .failed(let error): .failed(error.description)
            }
        }
    }

    // MARK: Answers

    /// `1 MiB`, `64 KiB` or `1000 bytes`.
    static func byteText(_ bytes: Int) -> String {
        if bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return NumberText.counted(bytes, "byte")
    }
}

extension WebRouteRegistry {
    mutating func addImport() {
        let backend = self.backend
        let limit = backend.configuration.maxBodyBytes
        page("/incidents/import", role: .manager) { request, context, session in
            try await WebImport.form(
                context.operations(backend), session: session, team: try request.query("team"), limit: limit)
        }
        upload("/incidents/import", role: .manager, limit: limit, parts: WebImport.maxParts) {
            _, context, session, form in
            let operations = context.operations(backend)
            let team = form.field("team") ?? ""
            let text = form.field("dateFormat")?.trimmingCharacters(in: .whitespaces) ?? ""
            func again(_ field: String, _ message: String) async throws -> Response {
                try await WebImport.form(
                    operations, session: session, team: team, limit: limit, dateFormat: text,
                    error: (field, message))
            }
            let dateFormat: JiraDateFormat?
            do {
                dateFormat = try WebImport.dateFormat(text)
            } catch let problem as Problem {
                return try await again("dateFormat", problem.detail)
            }
            let uploads = WebImport.uploads(form)
            guard !uploads.isEmpty else { return try await again("files", "Choose one or more .md or .csv files.") }
            guard uploads.count <= WebImport.maxFiles else {
                return try await again(
                    "files",
                    "\(uploads.count) files are more than \(WebImport.maxFiles) at once: import the rest in another round."
                )
            }
            let key = team.isEmpty ? try await operations.defaultTeam(nil) : team
            let outcomes = try await WebImport.run(
                uploads, team: key, dateFormat: dateFormat, dryRun: true, operations)
            return WebImportResult.page(
                uploads, outcomes, team: key, dateFormat: text, dryRun: true, session: session)
        }
        upload(
            "/incidents/import/confirm", role: .manager, limit: WebImport.confirmLimit(limit),
            parts: WebImport.maxParts
        ) { _, context, session, form in
            let operations = context.operations(backend)
            let text = form.field("dateFormat") ?? ""
            let dateFormat = try WebImport.dateFormat(text)
            let uploads = try WebImport.carried(form)
            let named = form.field("team") ?? ""
            let team = named.isEmpty ? try await operations.defaultTeam(nil) : named
            let outcomes = try await WebImport.run(
                uploads, team: team, dateFormat: dateFormat, dryRun: false, operations)
            // All of it imported: redirect after POST. Else the page says what was and what was not.
            guard outcomes.contains(where: \.failed) else {
                return WebPage.redirect(WebImportResult.doneLocation(outcomes, team: team))
            }
            return WebImportResult.page(
                uploads, outcomes, team: team, dateFormat: text, dryRun: false, session: session)
        }
        page("/incidents/import/done", role: .manager) { request, _, session in
            try WebImportResult.done(request, session: session)
        }
    }
}

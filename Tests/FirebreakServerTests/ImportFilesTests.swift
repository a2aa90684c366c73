import FirebreakCore
import FirebreakOperations
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Synchronization
import Testing

/// ``Operations/importFiles(_:team:dateFormat:dryRun:events:)``: the one place where `firebreak import`
/// and the web app's import page decide what each file is and in which order it goes in.
@Suite("Import of several files, as every face runs it")
struct ImportFilesTests {
    final class Heard: Sendable {
        let events = Mutex<[String]>([])
        func add(_ event: String) { events.withLock { $0.append(event) } }
    }

    @Test func jiraExportsGoInFirstInTheOrderGivenThenTheReportsTogether() async throws {
        try await ServerFixture.withSeeded { fresh, _ in
            let operations = LocalOperations(
                runner: DirectRunner(database: fresh.database),
                caller: Caller(name: "test", role: .manager, engineer: nil, team: nil, actor: "test"))
            let files: [ImportFile] = [
                .upload(name: "a.md", bytes: Array(WebImportRouterTests.report.utf8)),
                .upload(name: "first.csv", bytes: Array(WebImportRouterTests.jira.utf8)),
                .upload(name: "notes.txt", bytes: Array("hello".utf8)),
                .upload(name: "bad.md", bytes: Array(WebImportRouterTests.bad.utf8)),
                .upload(name: "latin1.md", bytes: [0x23, 0x20, 0xE9]),
                .text(
                    ImportText(
                        name: "second.csv", text: "Summary,Issue key,Issue Type,Status\nMore,OPS-902,Task,Done\n")),
            ]
            let heard = Heard()
            let outcomes = try await operations.importFiles(
                files, team: "CORE", dateFormat: nil, dryRun: true,
                events: ImportEvents(
                    next: { index, kind in heard.add("next \(index) \(kind)") },
                    importing: { heard.add("importing \($0)") },
                    finished: { index, _ in heard.add("finished \(index)") }))
            #expect(
                heard.events.withLock { $0 }
                    == [
                        "next 0 report", "next 1 jira", "finished 1", "next 2 unsupported", "finished 2",
                        "next 3 report", "next 4 report", "finished 4", "next 5 jira", "finished 5", "importing 2",
                        "finished 0", "finished 3",
                    ])
            // One outcome per file, in the order given.
            guard case .report(let report) = outcomes[0], case .jira(let first) = outcomes[1],
                case .failed(let unsupported) = outcomes[2], case .failed(let bad) = outcomes[3],
                case .failed(let latin1) = outcomes[4], case .jira(let second) = outcomes[5]
            else {
                Issue.record("\(outcomes)")
                return
            }
            #expect(report.created && report.dryRun && first.created == 1 && second.created == 1)
            #expect(
                unsupported.description
                    == "notes.txt:1: only outage reports (.md) and Jira CSV exports (.csv) can be imported")
            #expect(bad.description == "bad.md:3: unknown action kind \"[detcet]\"; did you mean [detect]?")
            #expect(latin1.description == "latin1.md:1: the file is not UTF-8 text")
            var summary = ImportSummary()
            for outcome in outcomes { summary.add(outcome) }
            #expect(summary.reports == 1 && summary.jiraFiles == 2 && summary.failed == 3)
            #expect(summary.drafts.isEmpty && summary.draftsText.isEmpty)
        }
    }

    /// The web app's dry run says of each report it would leave as a draft which facts it lacks: on the
    /// file's card and in the summary, as `firebreak lint` names them.
    @Test func theWebDryRunNamesWhatEachDraftLacks() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let manager = try await WebRouterTests.session(tokens.of(.manager), fresh.database)
            try await ServerFixture.withRouter(fresh.database) { client in
                let draft = "# PM2026-001: Search was down\n- **Date:** 2026-05-01 10:00 UTC\n- **Severity:** SEV2\n"
                let preview = try await WebImportRouterTests.post(
                    client, "/incidents/import", as: manager,
                    body: WebImportRouterTests.multipart(
                        [("csrf", manager.csrf), ("team", "CORE")],
                        files: [("draft.md", draft), ("stampede.md", WebImportRouterTests.report)]))
                #expect(preview.status == .ok, "\(preview.text)")
                #expect(preview.text.contains("PM2026-001 would be created, and left draft</dd>"), "\(preview.text)")
                #expect(
                    preview.text.contains("<dt>Missing</dt><dd>outage time, number of support tickets raised</dd>"))
                #expect(preview.text.components(separatedBy: "<dt>Missing</dt>").count == 2, "only the draft's card")
                #expect(
                    preview.text.contains(
                        "<p>Would be left draft: PM2026-001 lacks outage time, number of support tickets raised.</p>"))
            }
        }
    }
}

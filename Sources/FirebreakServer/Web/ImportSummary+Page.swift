import FirebreakCore
import FirebreakOperations

/// The import pages' summary: what the dry run and the import did, in sentences, and the counts
/// carried in the address of the page a confirmed import redirects to.
extension ImportSummary {
    init(_ outcomes: [WebImport.Outcome]) {
        self.init()
        for outcome in outcomes {
            switch outcome {
            case .report(let view): add(view)
            case .jira(let view): add(view)
            case .failed: failed += 1
            }
        }
    }

    /// The counts a summary's address holds; keys that are not incident keys are left out.
    init(query: (String) throws -> String?) rethrows {
        func keys(_ name: String) throws -> [String] {
            (try query(name) ?? "").split(separator: ",").map(String.init).filter { ItemKey.isValid($0) }
        }
        func numbers(_ name: String, _ count: Int) throws -> [Int] {
            let given = (try query(name) ?? "").split(separator: ",").map { max(Int($0) ?? 0, 0) }
            return given + Array(repeating: 0, count: max(count - given.count, 0))
        }
        self.init()
        created = try keys("created")
        updated = try keys("updated")
        drafts = try keys("drafts")
        let actions = try numbers("actions", 2)
        (actionsCreated, actionsUpdated) = (actions[0], actions[1])
        let jira = try numbers("jira", 5)
        (jiraFiles, self.jira.created, self.jira.updated, self.jira.resolved, self.jira.skipped) = (
            jira[0], jira[1], jira[2], jira[3], jira[4]
        )
    }

    var query: String {
        var items = [
            ("created", created.joined(separator: ",")), ("updated", updated.joined(separator: ",")),
            ("drafts", drafts.joined(separator: ",")), ("actions", "\(actionsCreated),\(actionsUpdated)"),
        ]
        if jiraFiles > 0 {
            items.append(("jira", "\(jiraFiles),\(jira.created),\(jira.updated),\(jira.resolved),\(jira.skipped)"))
        }
        return items.map { "\($0.0)=\(WebSignIn.encoded($0.1))" }.joined(separator: "&")
    }

    /// `Would import 2 reports: ...`, then the Jira exports, then the failures.
    func sentences(dryRun: Bool) -> [String] {
        var lines: [String] = []
        if reports > 0 {
            let verb = dryRun ? "Would import" : "Imported"
            var line = "\(verb) \(NumberText.counted(reports, "report")): \(created.count) "
            line += "\(created.count == 1 ? "incident" : "incidents") created, \(updated.count) updated"
            if !drafts.isEmpty { line += " (\(drafts.count) left draft)" }
            line += "; \(NumberText.counted(actionsCreated, "action")) created, \(actionsUpdated) updated."
            lines.append(line)
            if !missing.isEmpty { lines.append("\(dryRun ? "Would be left draft" : "Left draft"): \(draftsText).") }
        }
        if jiraFiles > 0 {
            lines.append(
                "\(dryRun ? "Would import" : "Imported") \(NumberText.counted(jiraFiles, "Jira export")): "
                    + "\(NumberText.counted(jira.created, "action")) created, \(jira.updated) updated, "
                    + "\(jira.resolved) resolved in Jira, \(WebImportResult.skipped(jira.skipped)) skipped.")
        }
        if failed > 0, !dryRun {
            lines.append(
                "\(NumberText.counted(failed, "file")) could not be imported; nothing of \(failed == 1 ? "it" : "them") "
                    + "was written.")
        }
        if dryRun { lines.append("Nothing has been written yet.") }
        return lines
    }
}

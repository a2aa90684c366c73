import FirebreakCore
import FirebreakOperations

/// `firebreak import`'s last line.
extension ImportSummary {
    /// `Imported 2 reports: 1 created, 1 updated; 3 actions created, 0 updated. 1 draft: INC-9 lacks severity
    /// (see `firebreak lint`). 1 file failed.`
    func text(dryRun: Bool) -> String {
        var line = ""
        let verb = dryRun ? "Would import" : "Imported"
        if reports > 0 || jiraFiles == 0 {
            line =
                "\(verb) \(NumberText.counted(reports, "report")): \(created.count) created, \(updated.count) updated; "
            line += "\(actionsCreated) actions created, \(actionsUpdated) updated."
        }
        if !drafts.isEmpty {
            line += " \(NumberText.counted(drafts.count, "draft")): \(draftsText) (see `firebreak lint`)."
        }
        if jiraFiles > 0 {
            line +=
                (line.isEmpty ? "" : " ")
                + "Jira: \(NumberText.counted(jiraFiles, "file")), \(jira.created) actions created, "
            line +=
                "\(jira.updated) updated, \(jira.resolved) resolved in Jira, \(jira.skipped) epics or sub-tasks skipped."
        }
        if failed > 0 { line += " \(NumberText.counted(failed, "file")) failed." }
        if dryRun { line += " Nothing was written (--dry-run)." }
        return line
    }
}

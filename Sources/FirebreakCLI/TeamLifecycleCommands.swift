import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore

/// Teams that end: archived (kept, hidden) or deleted.
extension TeamCommand {
    struct Archive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hide a team from listings and defaults; everything of it is kept.",
            discussion: Help.discussion(
                """
                An archived team keeps its incidents, actions, plans and history, and its commands still \
                work when it is named; `team list --all` shows it and `team unarchive` brings it back.
                """,
                examples: ["firebreak team archive OLDCORE"]))
        @Argument(help: "Team key.") var key: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let key = self.key
            try await global.withOperations { try await $0.archiveTeam(key) }
            print("Archived team \(key); `firebreak team unarchive \(key)` brings it back.")
        }
    }

    struct Unarchive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an archived team again.",
            discussion: Help.discussion(examples: ["firebreak team unarchive OLDCORE"]))
        @Argument(help: "Team key.") var key: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let key = self.key
            try await global.withOperations { try await $0.unarchiveTeam(key) }
            print("Team \(key) is listed again.")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a team with its engineers, actions and plans; refused while it has incidents.",
            discussion: Help.discussion(
                """
                A team with outage reports is refused (archive it: `firebreak team archive KEY`), except the \
                team `firebreak demo` loads, which goes with its reports. Refused too while an engineer of \
                the team has a live API token. Its audit entries stay, with one more for the deletion.
                """,
                examples: ["firebreak team delete CORE --yes"]))
        @Argument(help: "Team key.") var key: String
        @Flag(help: "Confirm: deleting cannot be undone.") var yes = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard yes else {
                throw ValidationError("deleting team \(key) cannot be undone; add --yes to confirm")
            }
        }

        func run() async throws {
            let key = self.key
            let deleted = try await global.withOperations { try await $0.deleteTeam(key) }
            func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
            print(
                "Deleted team \(key): \(count(deleted.incidents, "incident")), \(count(deleted.actions, "action")), "
                    + "\(count(deleted.engineers, "engineer")), \(count(deleted.plans, "plan")).")
        }
    }
}

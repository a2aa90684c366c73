import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore

/// Engineers who change or leave.
extension EngineerCommand {
    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an engineer's name, email, team or capacity.",
            discussion: Help.discussion(
                """
                Only the fields given change; --email "" removes the email. A move to another team is \
                refused while the engineer holds claims (release them first).
                """,
                examples: ["firebreak engineer set eli --capacity 6 --team OPS"]))
        @Argument(help: "Engineer handle.") var handle: String
        @Option(help: "Display name.") var name: String?
        @Option(help: "Email address (the Jira assignee); \"\" removes it.") var email: String?
        @Option(help: "Team key to move the engineer to.") var team: String?
        @Option(parsing: .unconditional, help: "Story points per sprint, 0 to 1000.") var capacity: Double?
        @OptionGroup var global: GlobalOptions

        var changes: EngineerChanges {
            EngineerChanges(displayName: name, email: email, team: team, capacity: capacity)
        }

        func validate() throws {
            guard !changes.isEmpty else {
                throw ValidationError("nothing to change: give --name, --email, --team or --capacity")
            }
            if let capacity {
                try FlagRange.check("--capacity", capacity, Engineer.capacityRange, unit: " story points")
            }
            if let team, !Team.isValidKey(team) {
                throw ValidationError(
                    "--team \"\(team)\" is not a team key (an upper-case letter, then letters, digits or _)")
            }
            let probe = changes.applied(to: Engineer(handle: "probe", displayName: "probe", team: "PROBE"))
            if let problem = probe.validationProblem() {
                let flags = ["displayName": "--name: ", "email": "--email: ", "capacity": "--capacity: "]
                throw ValidationError((flags[problem.field] ?? "") + problem.message)
            }
        }

        func run() async throws {
            let (handle, changes) = (self.handle, self.changes)
            let update = try await global.withOperations { try await $0.setEngineer(handle, changes) }
            guard !update.changed.isEmpty else {
                print("No change to \(handle): it already has those values.")
                return
            }
            let changed = update.changed.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            print("Updated \(handle) of \(update.engineer.team): \(changed.joined(separator: "; ")).")
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deactivate an engineer who left: their claims are released, and they count in no capacity.",
            discussion: Help.discussion(
                """
                Each released claim gets its own audit entry (release, on the engineer's behalf). The \
                engineer's history and handle stay; they leave `engineer list` and the team's plan.
                """,
                examples: ["firebreak engineer deactivate eli"]))
        @Argument(help: "Engineer handle.") var handle: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let handle = self.handle
            let done = try await global.withOperations { try await $0.deactivateEngineer(handle) }
            let released =
                done.released.isEmpty
                ? "they held no claims" : "released \(done.released.joined(separator: ", "))"
            print("Deactivated \(handle) of \(done.team); \(released).")
        }
    }
}

import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

struct ActionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Add, list, show, link and change preventative actions (backlog items).",
        discussion: Help.discussion(examples: ["firebreak action list --status open", "firebreak action show ACT-14"]),
        subcommands: [Add.self, List.self, Show.self, Link.self, Unlink.self, Set.self, History.self]
    )

    /// The fields `add` and `set` share.
    struct Fields: ParsableArguments {
        @Option(help: "detect, prevent, mitigate or process.") var kind: ActionKind?
        @Option(parsing: .unconditional, help: "Story points, or 'none' to clear.") var estimate: String?
        @Option(help: "Weakness category key (deploy, build, monitoring, capacity, dependencies, ...).")
        var category: String?
        @Option(help: "Due date (YYYY-MM-DD), or 'none' to clear.") var due: String?
        @Option(help: "Suggested owner's handle.") var owner: String?
        @Option(help: "Jira issue key, once the item exists in Jira.") var jira: String?
        @Option(help: "Longer description.") var description: String?
        @Option(help: "An action this one depends on (repeatable).") var depends: [String] = []

        func validate() throws {
            if let estimate, estimate != "none" {
                guard let n = Double(estimate), ScoringBounds.estimate.contains(n) else {
                    throw ValidationError(
                        "--estimate \"\(estimate)\" must be a number of story points \(ScoringBounds.text(ScoringBounds.estimate)), or 'none'"
                    )
                }
            }
            if let due, due != "none", CalendarDate(due) == nil {
                throw ValidationError("--due \"\(due)\" is not a date (YYYY-MM-DD) or 'none'")
            }
            if let jira, !ItemKey.isValid(jira) {
                throw ValidationError("--jira \"\(jira)\" is not an issue key like OPS-12")
            }
            if let bad = depends.first(where: { !ItemKey.isValid($0) }) {
                throw ValidationError("--depends \"\(bad)\" is not an action key like ACT-3")
            }
        }

        /// The fields as the operations take them (the API's body).
        var fields: ActionFields {
            var f = ActionFields()
            f.kind = kind
            f.category = category
            f.owner = owner
            f.externalKey = jira
            f.description = description
            f.dependsOn = depends.isEmpty ? nil : depends
            if estimate == "none" { f.clearEstimate = true } else { f.estimate = estimate.flatMap(Double.init) }
            if due == "none" { f.clearDue = true } else { f.due = due.flatMap { CalendarDate($0) } }
            return f
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an action to a team's backlog, optionally linked to incidents.",
            discussion: Help.discussion(examples: [
                "firebreak action add \"Alert on queue depth\" --team CORE --kind detect --estimate 2 --incident INC-7:0.5"
            ])
        )
        @Argument(help: "Title.") var title: String
        @OptionGroup var team: TeamOption
        @Option(help: "Incident it would have prevented, as KEY or KEY:COVERAGE (repeatable).") var incident: [String] =
            []
        @OptionGroup var fields: Fields
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let problem = Self.titleProblem(title) { throw ValidationError(problem) }
            for link in incident { _ = try LinkSpec(link) }
        }

        /// Why `title` cannot be an action's title, as the store would say it; nil when it can.
        static func titleProblem(_ title: String) -> String? {
            if title.trimmingCharacters(in: .whitespaces).isEmpty { return "title is empty" }
            if title.unicodeScalars.count > ActionStore.maxTitleLength {
                return "title is longer than \(ActionStore.maxTitleLength) characters"
            }
            return nil
        }

        func run() async throws {
            let links = try incident.map(LinkSpec.init)
            var fields = self.fields.fields
            fields.title = title
            let (added, team) = (fields, self.team)
            let key = try await global.withOperations { operations in
                var added = added
                added.team = try await team.resolve(with: operations)
                let key = try await operations.addAction(added).value.key
                for link in links { _ = try await operations.link(key, to: link.incident, coverage: link.coverage) }
                return key
            }
            print(key)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List actions in key order.",
            discussion: Help.discussion(examples: ["firebreak action list --team CORE --status open,claimed"]))
        @Option(help: "Only this team (default: the configured team, else every team).") var team: String?
        @Option(help: "Only these statuses, comma-separated (open, claimed, done, wontfix).") var status: String?
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func validate() throws { _ = try statuses() }

        func statuses() throws -> [ActionStatus] {
            try (status ?? "").split(separator: ",").map {
                guard let s = ActionStatus(rawValue: $0.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--status \"\($0)\" is not open, claimed, done or wontfix")
                }
                return s
            }
        }

        func run() async throws {
            let (wanted, team) = (try statuses(), try ConfiguredDefaults.value(.team, flag: self.team))
            let items = try await global.withOperations { try await $0.actions(team: team, statuses: wanted) }
            try Output.print(items, as: output) {
                Listing(
                    columns: ["key", "kind", "status", "estimate", "due", "incidents", "title"],
                    rows: items.map {
                        [
                            $0.key, $0.kind.rawValue, $0.status.rawValue, $0.estimate.map(NumberText.plain) ?? "-",
                            $0.due?.description ?? "-", $0.links.map(\.incident).joined(separator: ","), $0.title,
                        ]
                    })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one action with its links and dependencies.",
            discussion: Help.discussion(examples: ["firebreak action show ACT-14"]))
        @Argument(help: "Action key, e.g. ACT-3.") var key: String
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let key = self.key
            let item = try await global.withOperations { try await $0.action(key).value }
            if output.format == .json {
                print(try JSONText.pretty(item))
                return
            }
            let listing = Listing(
                columns: ["field", "value"],
                rows: [
                    ["key", item.key], ["title", item.title], ["kind", item.kind.rawValue],
                    ["status", item.status.rawValue + (item.claimedBy.map { " by \($0)" } ?? "")],
                    ["estimate", item.estimate.map(NumberText.plain) ?? "unestimated"],
                    ["category", item.category ?? "-"], ["due", item.due?.description ?? "-"],
                    ["owner", item.owner ?? "-"], ["jira", item.externalKey ?? "-"],
                    ["labels", item.labels.joined(separator: ", ")],
                    ["components", item.components.joined(separator: ", ")],
                    ["sprints", item.sprints.joined(separator: ", ")], ["team", item.team],
                    ["depends on", item.dependsOn.joined(separator: ", ")],
                    [
                        "incidents",
                        item.links.map { "\($0.incident) (coverage \(NumberText.plain($0.coverage)))" }
                            .joined(separator: ", "),
                    ],
                    ["description", item.description],
                ])
            Output.print(listing, as: output)
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link an action to an incident it would have prevented (or change the coverage).",
            discussion: Help.discussion(examples: ["firebreak action link ACT-14 INC-7 --coverage 0.5"]))
        @Argument(help: "Action key.") var action: String
        @Argument(help: "Incident key.") var incident: String
        @Option(
            parsing: .unconditional,
            help: "How much of the incident it would have prevented, from 0.001 to 1.")
        var coverage: Double = 1
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            try FlagRange.check("--coverage", coverage, ScoringBounds.coverage)
        }

        func run() async throws {
            let (action, incident, coverage) = (self.action, self.incident, self.coverage)
            try await global.withOperations { _ = try await $0.link(action, to: incident, coverage: coverage) }
            print("Linked \(action) to \(incident) (coverage \(NumberText.plain(coverage))).")
        }
    }

    struct Unlink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove the link between an action and an incident.",
            discussion: Help.discussion(examples: ["firebreak action unlink ACT-14 INC-7"]))
        @Argument(help: "Action key.") var action: String
        @Argument(help: "Incident key.") var incident: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (action, incident) = (self.action, self.incident)
            try await global.withOperations { try await $0.unlink(action, from: incident) }
            print("Unlinked \(action) from \(incident).")
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an action.",
            discussion: Help.discussion(examples: [
                "firebreak action set ACT-3 --estimate 5 --due 2026-12-18 --depends ACT-1"
            ]))
        @Argument(help: "Action key.") var key: String
        @Option(help: "New title.") var title: String?
        @Option(help: "open, done or wontfix (claims go through `firebreak claim`).") var status: ActionStatus?
        @Option(help: "Remove a dependency (repeatable).") var noDepends: [String] = []
        @OptionGroup var fields: Fields
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let problem = title.flatMap(Add.titleProblem) { throw ValidationError("--title: \(problem)") }
        }

        func run() async throws {
            var fields = self.fields.fields
            fields.title = title
            fields.status = status
            fields.noLongerDependsOn = noDepends.isEmpty ? nil : noDepends
            let (key, changes) = (self.key, fields)
            try await global.withOperations { _ = try await $0.setAction(key, changes, expectedVersion: nil) }
            print("Updated \(key).")
        }
    }
}

extension ActionCommand {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who did what to an action and when: claims, releases, completions, imports, changes.",
            discussion: Help.discussion(examples: ["firebreak action history ACT-14"]))
        @Argument(help: "Action key.") var key: String
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let key = self.key
            let entries = try await global.withOperations { try await $0.actionHistory(key) }
            try Output.print(entries, as: output) {
                Listing(
                    columns: ["at", "actor", "what", "for", "details"],
                    rows: entries.map {
                        [ISO8601Format.string($0.at), $0.actor, $0.verb, $0.onBehalfOf ?? "", $0.summary]
                    })
            }
        }
    }
}

/// `INC-7` or `INC-7:0.5`.
struct LinkSpec {
    var incident: String
    var coverage: Double

    init(_ text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let key = parts.first, ItemKey.isValid(key) else {
            throw ValidationError("--incident \"\(text)\" is not KEY or KEY:COVERAGE")
        }
        incident = key
        coverage = 1
        if parts.count == 2 {
            guard let c = Double(parts[1]), ScoringBounds.coverage.contains(c) else {
                throw ValidationError(
                    "--incident \"\(text)\": coverage must be \(ScoringBounds.text(ScoringBounds.coverage))")
            }
            coverage = c
        }
    }
}

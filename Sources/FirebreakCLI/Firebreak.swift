public import ArgumentParser

/// `firebreak`: outage reports in, a ranked technical backlog and improvement sprints out.
public struct Firebreak: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "firebreak",
        abstract: "Turn outage reports into a ranked technical backlog and improvement sprints.",
        discussion: Help.discussion(
            """
            Record every outage in one report format, link each preventative action to the \
            incidents it would have prevented, and let Firebreak rank the backlog by what the \
            outages cost.

            Start with `firebreak demo`. With no database configured, Firebreak runs a private \
            PostgreSQL cluster in $FIREBREAK_HOME (default ~/.firebreak); set DATABASE_URL or \
            pass --database-url to use a server of your own. `firebreak team delete CORE --yes` removes \
            the demo's team.

            `firebreak config set team CORE` and `firebreak config set engineer alice` set the team and \
            the engineer commands use when you name none (FIREBREAK_TEAM and FIREBREAK_ENGINEER override).

            `firebreak serve` runs the HTTP API. With FIREBREAK_SERVER and FIREBREAK_TOKEN set, backlog, \
            plan show, claim, release, done, export and lint go through that server instead of the database.

            Exit status: 0 ok, 1 error, 2 usage, 3 conflict, 4 not found.
            """,
            examples: ["firebreak demo", "firebreak backlog --team CORE", "firebreak plan --dry-run"]),
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, BacklogCommand.self, NextCommand.self, PlanCommand.self, SprintsCommand.self,
            ClaimCommand.self,
            ReleaseCommand.self, DoneCommand.self, ImportCommand.self, IncidentCommand.self, ActionCommand.self,
            TeamCommand.self,
            EngineerCommand.self, LintCommand.self, ReportCommand.self, ExportCommand.self, DBCommand.self,
            ServeCommand.self, TokenCommand.self, ConfigCommand.self,
        ]
    )

    public init() {}
}

import ArgumentParser
import FirebreakCore
import FirebreakStore

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the database: migrations and the embedded cluster.",
        discussion: Help.discussion(examples: ["firebreak db status"]),
        subcommands: [Migrate.self, Status.self, Stop.self]
    )

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations (every command also does this first).",
            discussion: Help.discussion(examples: ["firebreak db migrate"]))
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let applied = try await global.withDatabase(migrate: false) { try await Migrator(database: $0).migrate() }
            print(applied.isEmpty ? "Up to date." : "Applied \(applied.joined(separator: ", ")).")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Where the database is, and its migrations.",
            discussion: Help.discussion(examples: ["firebreak db status"]))
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            switch try global.settings() {
            case .server(_, let display):
                print("Database: \(display)")
            case .embedded(let cluster):
                print("Database: embedded cluster in \(cluster.clusterDirectory)")
                print("Socket: \(cluster.socketPath)")
            }
            let status = try await global.withDatabase(migrate: false) { try await Migrator(database: $0).status() }
            for s in status {
                print("\(s.migration.name): \(s.appliedAt.map { "applied \(ISO8601Format.string($0))" } ?? "pending")")
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop the embedded PostgreSQL cluster.",
            discussion: Help.discussion(examples: ["firebreak db stop"]))
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            guard case .embedded(let cluster) = try global.settings() else {
                throw CLIFailure.error(
                    "the database is a server of your own; firebreak stops only its embedded cluster")
            }
            print(try cluster.stop() ? "Stopped PostgreSQL in \(cluster.clusterDirectory)." : "Not running.")
        }
    }
}

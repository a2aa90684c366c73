import ArgumentParser
import FirebreakCore
import FirebreakStore
import Foundation

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "API tokens for `firebreak serve`: create (shown once), list, revoke, and web sign-in links.",
        discussion: Help.discussion(examples: ["firebreak token list"]),
        subcommands: [Create.self, List.self, Revoke.self, Login.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token and print it: the only time it is shown (only its hash is stored).",
            discussion: Help.discussion(
                """
                Roles: viewer reads; engineer reads and claims, releases and completes as its engineer; \
                manager does everything.
                """,
                examples: ["firebreak token create --name amara-laptop --role engineer --engineer amara"]))
        @Option(help: "A name to tell the token by (unique).") var name: String
        @Option(help: "viewer, engineer or manager.") var role: String
        @Option(help: "The engineer (handle) the token acts as; required for engineer tokens.") var engineer: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let problem = TokenStore.nameProblem(name) { throw ValidationError("--name: \(problem.message)") }
            guard TokenStore.Role(rawValue: role) != nil else {
                throw ValidationError("--role must be viewer, engineer or manager")
            }
            if role == "engineer", engineer == nil {
                throw ValidationError("an engineer token needs --engineer HANDLE")
            }
        }

        func run() async throws {
            let (name, role, engineer) = (self.name, TokenStore.Role(rawValue: role)!, self.engineer)
            let token = try await global.withDatabase {
                try await TokenStore(database: $0).create(
                    name: name, role: role, engineer: engineer, actor: Actor.current)
            }
            print(token)
            if Terminal.stdoutIsTerminal {
                Terminal.standardError("Keep it now: it is not stored and cannot be shown again.\n")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List tokens (never the tokens themselves).",
            discussion: Help.discussion(examples: ["firebreak token list"]))
        @OptionGroup var output: FormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let tokens = try await global.withDatabase { try await TokenStore(database: $0).list() }
            try Output.print(tokens, as: output) {
                Listing(
                    columns: ["name", "role", "engineer", "created", "last used", "revoked"],
                    rows: tokens.map {
                        [
                            $0.name, $0.role.rawValue, $0.engineer ?? "", ISO8601Format.string($0.createdAt),
                            $0.lastUsedAt.map { ISO8601Format.string($0) } ?? "",
                            $0.revokedAt.map { ISO8601Format.string($0) } ?? "",
                        ]
                    })
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token by name; it stops working at once.",
            discussion: Help.discussion(examples: ["firebreak token revoke amara-laptop"]))
        @Argument(help: "The token's name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let name = self.name
            try await global.withDatabase {
                try await TokenStore(database: $0).revoke(name: name, actor: Actor.current)
            }
            print("Revoked token \(name).")
        }
    }

    struct Login: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a link that signs in to the web app as token NAME: one use, within 10 minutes.",
            discussion: Help.discussion(
                """
                The link opens a session of the web app that `firebreak serve` serves at /, with the token's role \
                and engineer. Only a hash of the link's secret is stored.
                """,
                examples: ["firebreak token login amara-laptop"]))
        @Argument(help: "The token's name.") var name: String
        @Option(help: "The web app's address, as a browser reaches it.") var url = "http://127.0.0.1:8080"
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw ValidationError("--url must start with http:// or https://")
            }
        }

        func run() async throws {
            let name = self.name
            let secret = try await global.withDatabase {
                try await WebSessionStore(database: $0).makeLink(tokenName: name)
            }
            let base = url.hasSuffix("/") ? String(url.dropLast()) : url
            print("\(base)/signin/link?s=\(secret)")
        }
    }
}

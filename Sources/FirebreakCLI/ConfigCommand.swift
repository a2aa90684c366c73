import ArgumentParser
import FirebreakCore
import Foundation

/// `firebreak config`: the user's defaults, in `$FIREBREAK_HOME/config`, as `gh config` keeps its own.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Your defaults: the team and the engineer commands use when you name none.",
        discussion: Help.discussion(
            """
            Keys: team (every command that takes --team), engineer (claim, release, done and next \
            without --as). A flag wins over the environment (FIREBREAK_TEAM, FIREBREAK_ENGINEER), \
            which wins over the file $FIREBREAK_HOME/config (default ~/.firebreak/config).
            """,
            examples: ["firebreak config set team CORE"]),
        subcommands: [Set.self, Get.self, List.self, Unset.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a default.", discussion: Help.discussion(examples: ["firebreak config set engineer alice"]))
        @OptionGroup var name: ConfigKey
        @Argument(help: "A team key (CORE) or an engineer's handle (alice).") var value: String

        func validate() throws {
            if let problem = try name.key.problem(with: value) { throw ValidationError(problem) }
        }

        func run() async throws {
            let key = try name.key
            let path = ConfiguredDefaults.file()
            var config = try ConfiguredDefaults.load(path)
            config[key] = value
            try ConfigCommand.write(config, to: path)
            print("Set \(key.rawValue) to \(value) in \(path).")
            ConfigCommand.noteOverride(key)
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a default as commands use it (the environment's value, else the file's).",
            discussion: Help.discussion(
                """
                Exits 1 when it is not set.
                """,
                examples: ["firebreak config get team"]))
        @OptionGroup var name: ConfigKey

        func run() async throws {
            let key = try name.key
            guard let value = try ConfiguredDefaults.value(key, flag: nil) else {
                throw CLIFailure.error(
                    "\(key.rawValue) is not set; set it with `firebreak config set \(key.rawValue) VALUE`")
            }
            print(value)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the defaults that are set, and where each comes from.",
            discussion: Help.discussion(examples: ["firebreak config list --format json"]))
        @OptionGroup var output: FormatOption

        func run() async throws {
            let path = ConfiguredDefaults.file()
            let file = try ConfiguredDefaults.load(path)
            let environment = ProcessInfo.processInfo.environment
            let entries: [Entry] = UserConfig.Key.allCases.compactMap { key in
                if let value = environment[key.environmentVariable], !value.isEmpty {
                    return Entry(key: key.rawValue, value: value, source: key.environmentVariable)
                }
                return file[key].map { Entry(key: key.rawValue, value: $0, source: path) }
            }
            try Output.print(entries, as: output) {
                Listing(columns: ["key", "value", "source"], rows: entries.map { [$0.key, $0.value, $0.source] })
            }
        }

        struct Entry: Encodable {
            var key: String
            var value: String
            /// The environment variable that sets it, or the file.
            var source: String
        }
    }

    struct Unset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a default from the file.",
            discussion: Help.discussion(examples: ["firebreak config unset team"]))
        @OptionGroup var name: ConfigKey

        func run() async throws {
            let key = try name.key
            let path = ConfiguredDefaults.file()
            var config = try ConfiguredDefaults.load(path)
            guard config[key] != nil else {
                print("\(key.rawValue) was not set in \(path).")
                ConfigCommand.noteOverride(key)
                return
            }
            config[key] = nil
            try ConfigCommand.write(config, to: path)
            print("Unset \(key.rawValue) in \(path).")
            ConfigCommand.noteOverride(key)
        }
    }

    /// Writes the file whole, through a temporary file beside it, so that a reader never sees half.
    static func write(_ config: UserConfig, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(config.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIFailure.error("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Says on stderr when the environment overrides what the file now holds.
    static func noteOverride(_ key: UserConfig.Key) {
        let variable = key.environmentVariable
        if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty {
            Terminal.standardError("firebreak: note: \(variable)=\(value) overrides the file's \(key.rawValue)\n")
        }
    }
}

/// `KEY` of the config commands: team or engineer.
struct ConfigKey: ParsableArguments {
    @Argument(help: ArgumentHelp("team or engineer.", valueName: "key")) var name: String

    func validate() throws { _ = try key }

    var key: UserConfig.Key {
        get throws {
            guard let key = UserConfig.Key(rawValue: name) else {
                throw ValidationError("unknown key \"\(name)\"; the keys are \(UserConfig.Key.names)")
            }
            return key
        }
    }
}

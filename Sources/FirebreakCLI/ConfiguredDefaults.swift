import FirebreakCore
import FirebreakStore
import Foundation

/// The user's defaults, as every command sees them: a flag, else the environment
/// (`FIREBREAK_TEAM`, `FIREBREAK_ENGINEER`), else `$FIREBREAK_HOME/config` (`firebreak config set`).
enum ConfiguredDefaults {
    /// `$FIREBREAK_HOME/config`.
    static func file(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        DatabaseSettings.home(environment: environment) + "/config"
    }

    /// The file's values; none when there is no file. A line that cannot be read is an error naming
    /// the file and the line (exit 1).
    static func load(_ path: String = file()) throws -> UserConfig {
        guard FileManager.default.fileExists(atPath: path) else { return UserConfig() }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CLIFailure.error("cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try UserConfig.parse(text, file: path)
        } catch let error as ReportError {
            throw CLIFailure.error(error.description)
        }
    }

    /// The value of `key`: `flag` when given, else its environment variable when set and not
    /// empty, else the file's; nil when none is. The file is read only when it is needed.
    static func value(
        _ key: UserConfig.Key, flag: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String? {
        if let flag { return flag }
        if let value = environment[key.environmentVariable], !value.isEmpty { return value }
        return try load(file(environment))[key]
    }

    /// The sentence that says how to set a default team, for errors about a missing one.
    static let howToSetTeam = "pass --team KEY, or set a default with `firebreak config set team KEY`"
}

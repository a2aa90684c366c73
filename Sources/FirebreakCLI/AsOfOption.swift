import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

/// `--as-of`: makes every result reproducible.
struct AsOfOption: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Compute as of this date (00:00 UTC that day) or ISO 8601 time; incidents after it are ignored. Default: now.",
            valueName: "date"))
    var text: String?

    func validate() throws {
        if let text, ReportDate.parse(text) == nil {
            throw ValidationError("--as-of \"\(text)\" is not a date (YYYY-MM-DD) or an ISO 8601 time")
        }
    }

    var date: Date { text.flatMap(ReportDate.parse) ?? Date() }
}

/// `--team`, defaulting to the configured team (`FIREBREAK_TEAM`, else `firebreak config set team`),
/// else the caller's, else the only team there is.
struct TeamOption: ParsableArguments {
    @Option(help: "Team key (default: the configured team (see `firebreak config`), else the only team).")
    var team: String?

    /// The team named by `--team`, `FIREBREAK_TEAM` or the config file, else the caller's, else the only one.
    func resolve(with operations: any Operations) async throws -> String {
        try await operations.defaultTeam(try ConfiguredDefaults.value(.team, flag: team))
    }

    func resolve(in db: Database) async throws -> String {
        if let named = try ConfiguredDefaults.value(.team, flag: team) { return named }
        return try Self.only(of: try await TeamStore(database: db).list())
    }

    /// The one team there is; an error that says what to do when there are none or several.
    static func only(of teams: [Team]) throws -> String {
        guard teams.count == 1 else {
            throw StoreError.invalid(
                teams.isEmpty
                    ? "no team yet; create one with `firebreak team create KEY --name NAME`"
                    : "several teams (\(teams.map(\.key).joined(separator: ", "))): \(ConfiguredDefaults.howToSetTeam)")
        }
        return teams[0].key
    }
}

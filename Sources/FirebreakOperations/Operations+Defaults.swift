public import FirebreakCore
import FirebreakStore

extension Operations {
    /// The team a team-wide operation is for: the one named, else the caller's (its engineer's team),
    /// else the only team there is; an error that says what to do when there are none or several.
    public func defaultTeam(_ named: String?) async throws -> String {
        if let named { return named }
        if let team = try await me().team { return team }
        let teams = try await teams()
        guard teams.count == 1 else {
            throw StoreError.invalid(
                teams.isEmpty
                    ? "no team yet; create one with `firebreak team create KEY --name NAME`"
                    : "several teams (\(teams.map(\.key).joined(separator: ", "))): pass --team KEY, "
                        + "or set a default with `firebreak config set team KEY`", field: "team")
        }
        return teams[0].key
    }
}

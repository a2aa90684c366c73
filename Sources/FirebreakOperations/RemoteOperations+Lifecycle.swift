public import FirebreakCore
public import FirebreakStore

/// The lifecycle operations are not served by the API yet: the CLI's commands for them are in its
/// list of local-only commands and refuse before they get here; any other caller is told so.
extension RemoteOperations {
    public func allTeams() async throws -> [TeamListing] { throw Self.notServed("team list --all") }
    public func archiveTeam(_ key: String) async throws { throw Self.notServed("team archive") }
    public func unarchiveTeam(_ key: String) async throws { throw Self.notServed("team unarchive") }
    public func deleteTeam(_ key: String) async throws -> TeamStore.Deletion { throw Self.notServed("team delete") }
    public func setEngineer(_ handle: String, _ changes: EngineerChanges) async throws -> EngineerUpdate {
        throw Self.notServed("engineer set")
    }
    public func deactivateEngineer(_ handle: String) async throws -> TeamStore.Deactivation {
        throw Self.notServed("engineer deactivate")
    }

    public func allEngineers(team: String?) async throws -> [EngineerListing] {
        throw Self.notServed("engineer list --all")
    }

    static func notServed(_ command: String) -> Refusal {
        Refusal("\(command) runs against a database, not through the service")
    }
}

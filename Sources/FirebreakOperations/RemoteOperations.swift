import AsyncHTTPClient
public import FirebreakCore
public import FirebreakStore
public import Foundation
import NIOCore
import NIOHTTP1

/// The operations through a `firebreak serve`, as the token's holder: what the CLI runs when
/// `FIREBREAK_SERVER` and `FIREBREAK_TOKEN` are set. Answers decode into the same values the local
/// operations give, and problems into the same errors (``StoreError``, ``Refusal``), so output and exit
/// codes are the same in both modes.
public struct RemoteOperations: Operations {
    /// The service's address, without a trailing slash.
    public let server: String
    public let token: String

    public init(server: String, token: String) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.token = token
    }

    /// The service the environment names, if `FIREBREAK_SERVER` is set (`FIREBREAK_TOKEN` may be
    /// empty: the service then refuses every call, which says what is wrong).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> RemoteOperations? {
        guard let server = environment["FIREBREAK_SERVER"], !server.isEmpty else { return nil }
        return RemoteOperations(server: server, token: environment["FIREBREAK_TOKEN"] ?? "")
    }

    public func me() async throws -> Caller { try await get(Caller.self, "/v1/me") }

    public func teams() async throws -> [Team] { try await get([Team].self, "/v1/teams") }

    public func team(_ key: String) async throws -> Versioned<Team> {
        try await versioned(Team.self, "/v1/teams/\(Self.segment(key))")
    }

    public func engineers(team: String?) async throws -> [Engineer] {
        try await get([Engineer].self, "/v1/engineers", query: ["team": team])
    }

    public func addEngineer(_ engineer: Engineer) async throws -> Engineer {
        let answer = try await send(.POST, "/v1/engineers", body: try PlanJSON.encoder.encode(engineer))
        return try Self.decode(Engineer.self, answer.buffer)
    }

    public func addTimeOff(_ handle: String, from: CalendarDate, to: CalendarDate) async throws -> TimeOff {
        let body = try PlanJSON.encoder.encode(["from": from, "to": to])
        let answer = try await send(.POST, "/v1/engineers/\(Self.segment(handle))/time-off", body: body)
        return try Self.decode(TimeOff.self, answer.buffer)
    }

    public func incidents(team: String?) async throws -> [Incident] {
        try await get([Incident].self, "/v1/incidents", query: ["team": team])
    }

    public func incident(_ key: String) async throws -> Versioned<IncidentView> {
        try await versioned(IncidentView.self, "/v1/incidents/\(Self.segment(key))")
    }

    public func incidentMarkdown(_ key: String) async throws -> String {
        let body = try await send(.GET, "/v1/incidents/\(Self.segment(key))/report", accept: "text/markdown")
        return String(buffer: body.buffer)
    }

    public func importReport(
        _ text: String, source: String?, team: String?, dryRun: Bool
    ) async throws -> ReportImportView {
        let body = try await send(
            .POST, dryRun ? "/v1/incidents/preview" : "/v1/incidents", query: ["source": source, "team": team],
            body: Data(text.utf8), contentType: "text/markdown")
        return try Self.decode(ReportImportView.self, body.buffer)
    }
}

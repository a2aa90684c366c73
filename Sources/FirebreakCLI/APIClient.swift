import AsyncHTTPClient
import FirebreakCore
import FirebreakStore
import Foundation
import NIOCore
import NIOHTTP1

/// The CLI as a client of `firebreak serve`: used when FIREBREAK_SERVER and FIREBREAK_TOKEN
/// are both set. Answers come back as the same values the database gives, and errors as the
/// same ``StoreError``s, so output and exit codes do not change.
struct APIClient: Sendable {
    let server: String
    let token: String

    /// The client the environment asks for, if any.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> APIClient? {
        guard let server = environment["FIREBREAK_SERVER"], !server.isEmpty,
            let token = environment["FIREBREAK_TOKEN"], !token.isEmpty
        else { return nil }
        return APIClient(server: server.hasSuffix("/") ? String(server.dropLast()) : server, token: token)
    }

    /// GETs `path` and decodes the JSON answer.
    func get<T: Decodable>(_ type: T.Type, _ path: String, query: [String: String?] = [:]) async throws -> T {
        let body = try await send(.GET, path, query: query, body: nil)
        return try Self.decode(T.self, body)
    }

    /// POSTs `body` (JSON) to `path` and decodes the answer.
    func post<T: Decodable>(_ type: T.Type, _ path: String, body: [String: String] = [:]) async throws -> T {
        let data = try JSONEncoder().encode(body)
        return try Self.decode(T.self, try await send(.POST, path, query: [:], body: data))
    }

    /// GETs `path` and writes the answer to `sink` as it arrives.
    func stream(_ path: String, query: [String: String?], to sink: OutputSink) async throws {
        let response = try await execute(.GET, path, query: query, body: nil)
        guard response.status == .ok else {
            throw Self.failure(Int(response.status.code), try await response.body.collect(upTo: 1 << 20))
        }
        for try await chunk in response.body {
            sink.write(bytes: chunk.readableBytesView)
        }
    }

    /// Writes the server's export of the chosen plan to `output` (stdout when nil).
    func export(
        _ format: PlanExportFormat, choice: PlanChoice, query: [String: String?], to output: String?
    ) async throws {
        let team = try await self.team(choice.team)
        try await OutputSink.writing(to: output) { sink in
            try await stream(
                "/v1/teams/\(team)/plans/\(choice.plan)/export/\(format.rawValue)", query: query, to: sink)
        }
    }

    /// The team to use: `--team`, else the only team the server knows.
    func team(_ option: TeamOption) async throws -> String {
        if let team = option.team { return team }
        return try TeamOption.only(of: try await get([Team].self, "/v1/teams"))
    }

    func send(_ method: HTTPMethod, _ path: String, query: [String: String?], body: Data?) async throws -> ByteBuffer {
        let response = try await execute(method, path, query: query, body: body)
        let buffer = try await response.body.collect(upTo: 64 << 20)
        guard (200..<300).contains(response.status.code) else { throw Self.failure(Int(response.status.code), buffer) }
        return buffer
    }

    func execute(
        _ method: HTTPMethod, _ path: String, query: [String: String?], body: Data?
    ) async throws -> HTTPClientResponse {
        var components = URLComponents(string: server + path)
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        if !items.isEmpty { components?.queryItems = items.sorted { $0.name < $1.name } }
        guard let url = components?.string else { throw StoreError.invalid("FIREBREAK_SERVER \(server) is not a URL") }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            return try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        } catch {
            throw StoreError.unavailable("cannot reach \(server): \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        do {
            return try PlanJSON.decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw StoreError.unavailable("the server's answer could not be read: \(error)")
        }
    }

    /// A problem+json answer as the error the local CLI would have raised.
    static func failure(_ status: Int, _ body: ByteBuffer) -> any Error {
        struct Problem: Decodable {
            var type: String?
            var detail: String?
        }
        let problem = try? JSONDecoder().decode(Problem.self, from: Data(body.readableBytesView))
        let detail = problem?.detail ?? "HTTP \(status)"
        // A team or engineer named in the body that does not exist is a 422 of type not-found; the
        // local CLI calls it not found (exit status 4), and so does the client.
        if problem?.type == "urn:firebreak:problem:not-found" { return StoreError.notFound(detail) }
        switch status {
        case 404: return StoreError.notFound(detail)
        case 409: return StoreError.conflict(detail)
        case 412: return StoreError(.stale, detail)
        case 503: return StoreError.unavailable(detail)
        case 401, 403: return CLIFailure.error("the server refused the token: \(detail)")
        default: return StoreError.invalid(detail)
        }
    }
}

import AsyncHTTPClient
import FirebreakCore
public import FirebreakStore
public import Foundation
public import NIOCore
public import NIOHTTP1

/// Requests to the service, and its answers and problems as values and errors.
extension RemoteOperations {
    /// An answer's body and the row version its ETag names, if any.
    public struct Answer: Sendable {
        public var buffer: ByteBuffer
        public var version: Int?
    }

    /// GETs `path` and decodes the JSON answer.
    public func get<T: Decodable>(_ type: T.Type, _ path: String, query: [String: String?] = [:]) async throws -> T {
        try Self.decode(T.self, try await send(.GET, path, query: query).buffer)
    }

    func versioned<T: Decodable & Sendable>(_ type: T.Type, _ path: String) async throws -> Versioned<T> {
        let answer = try await send(.GET, path)
        return Versioned(try Self.decode(T.self, answer.buffer), version: answer.version ?? 0)
    }

    /// Sends a request and answers its body; a problem becomes the error the local operation raises.
    public func send(
        _ method: HTTPMethod, _ path: String, query: [String: String?] = [:], body: Data? = nil,
        contentType: String = "application/json", accept: String = "application/json", ifMatch: String? = nil
    ) async throws -> Answer {
        var headers = HTTPHeaders([("Accept", accept)])
        if body != nil { headers.add(name: "Content-Type", value: contentType) }
        if let ifMatch { headers.add(name: "If-Match", value: ifMatch) }
        let response = try await execute(method, path, query: query, headers: headers, body: body)
        let buffer = try await response.body.collect(upTo: 64 << 20)
        guard (200..<300).contains(response.status.code) else { throw Self.failure(Int(response.status.code), buffer) }
        let tag = response.headers.first(name: "ETag")
        return Answer(buffer: buffer, version: tag.flatMap { Int($0.dropFirst(2).dropLast()) })
    }

    /// GETs `path` and hands its body over piece by piece as it arrives (exports, which stream).
    public func stream(
        _ path: String, query: [String: String?], _ write: (ByteBuffer) throws -> Void
    ) async throws {
        let response = try await execute(.GET, path, query: query, headers: [:], body: nil)
        guard response.status == .ok else {
            throw Self.failure(Int(response.status.code), try await response.body.collect(upTo: 1 << 20))
        }
        for try await chunk in response.body { try write(chunk) }
    }

    func execute(
        _ method: HTTPMethod, _ path: String, query: [String: String?], headers: HTTPHeaders, body: Data?
    ) async throws -> HTTPClientResponse {
        var components = URLComponents(string: server + path)
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        if !items.isEmpty { components?.queryItems = items.sorted { $0.name < $1.name } }
        guard let url = components?.string, components?.host != nil else {
            throw StoreError.invalid("FIREBREAK_SERVER \(server) is not a URL like http://host:8080")
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            return try await Self.client.execute(request, timeout: .seconds(120))
        } catch {
            throw StoreError.unavailable("cannot reach the Firebreak server at \(server) (\(Self.reason(error)))")
        }
    }

    /// The client: a connection that cannot be made fails the request at once, instead of being tried
    /// again until the request's deadline (two minutes) as `HTTPClient.shared` does.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Why a connection failed, in a few words.
    static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("Timeout") || text.contains("timeout") { return "no answer in time" }
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "unknown error"
    }

    /// The path segment `text`, percent-encoded: a key never leaves its segment.
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        do {
            return try PlanJSON.decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw StoreError.unavailable("the server's answer could not be read: \(error)")
        }
    }

    /// A problem+json answer as the error the local operation would have raised.
    static func failure(_ status: Int, _ body: ByteBuffer) -> any Error {
        struct Problem: Decodable {
            var type: String?
            var detail: String?
            var field: String?
        }
        let problem = try? JSONDecoder().decode(Problem.self, from: Data(body.readableBytesView))
        let detail = problem?.detail ?? "HTTP \(status)"
        // A team or engineer named in the body that does not exist is a 422 of type not-found; locally it
        // is not found (exit status 4), and so it is here.
        if problem?.type == "urn:firebreak:problem:not-found" { return StoreError.notFound(detail) }
        switch status {
        case 404: return StoreError.notFound(detail)
        case 409: return StoreError.conflict(detail)
        case 412: return StoreError(.stale, detail)
        case 503: return StoreError.unavailable(detail)
        case 401: return Refusal("the server refused the token: \(detail)")
        case 403: return Refusal(detail, field: problem?.field)
        default: return StoreError.invalid(detail, field: problem?.field)
        }
    }
}

import FirebreakServer
import Foundation
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Testing

/// Heads too large for the service, through the HTTP/1.1 pipeline the server builds: a URL over
/// 8 KiB is 414, header fields over 32 KiB are 431, and a head past the decoder's own limit is 431
/// too, each as problem+json, where NIO and Hummingbird answered an empty 400.
@Suite("Request heads: URL and header limits")
struct RequestHeadLimitsTests {
    /// The server's pipeline up to the request handler, as a channel a test writes bytes into.
    static func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        let pipeline = channel.pipeline.syncOperations
        try pipeline.configureHTTPServerPipeline(
            withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
            withEncoderConfiguration: .init(), withDecoderLimitConfiguration: RequestHeadLimits.decoderLimits)
        try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        try pipeline.addHandler(RequestHeadLimits())
        return channel
    }

    /// Everything the channel wrote, as text.
    static func written(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: buffer) }
        return text
    }

    struct Head: Sendable, CustomStringConvertible {
        var name: String
        var request: String
        var status: Int
        var type: String
        var detail: String
        var description: String { name }
    }

    static let big = String(repeating: "x", count: 100_000)

    static let heads: [Head] = [
        Head(
            name: "a 100 KB query", request: "GET /v1/teams?team=\(big) HTTP/1.1\r\nHost: x\r\n\r\n", status: 414,
            type: "uri-too-long", detail: "at most 8192 are served"),
        Head(
            name: "a 100 KB Authorization header",
            request: "GET /v1/teams HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(big)\r\n\r\n", status: 431,
            type: "headers-too-large", detail: "at most 32768 are served"),
        Head(
            name: "forty 1 KB headers",
            request: "GET /v1/teams HTTP/1.1\r\nHost: x\r\n"
                + (0..<40).map { "X-Filler-\($0): \(String(repeating: "y", count: 1000))\r\n" }.joined() + "\r\n",
            status: 431, type: "headers-too-large", detail: "at most 32768 are served"),
        Head(
            name: "a 300 KB header, past the decoder's limit",
            request: "GET /v1/teams HTTP/1.1\r\nHost: x\r\nCookie: \(String(repeating: "z", count: 300_000))\r\n\r\n",
            status: 431, type: "headers-too-large", detail: "the request line and headers are over 256 KiB"),
        Head(
            name: "bytes that are not HTTP", request: "NOT HTTP AT ALL\r\n\r\n", status: 400, type: "malformed",
            detail: "the request is not HTTP/1.1"),
    ]

    @Test(arguments: heads)
    func tooLargeHeadsGetAProblem(_ head: Head) throws {
        let channel = try Self.channel()
        try channel.writeInbound(ByteBuffer(string: head.request))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil, "the request reached the router")
        let answer = try Self.written(channel)
        let parts = answer.components(separatedBy: "\r\n\r\n")
        #expect(parts.first?.hasPrefix("HTTP/1.1 \(head.status) ") == true, "\(answer.prefix(200))")
        let headers = parts.first?.lowercased() ?? ""
        #expect(headers.contains("content-type: application/problem+json"))
        #expect(headers.contains("connection: close"))
        let body = try #require(parts.dropFirst().first)
        let problem = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(problem["type"] as? String == "urn:firebreak:problem:\(head.type)")
        #expect(problem["status"] as? Int == head.status)
        #expect((problem["detail"] as? String)?.contains(head.detail) == true, "\(problem)")
        // Nothing after the refused request is read.
        try channel.writeInbound(ByteBuffer(string: "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil)
        _ = try? channel.finish()
    }

    /// Heads within the limits go on to the router untouched: a 6 KiB URL, 30 KiB of headers.
    @Test func headsWithinTheLimitsPass() throws {
        let channel = try Self.channel()
        let query = String(repeating: "q", count: 6000)
        let headers = (0..<30).map { "X-Filler-\($0): \(String(repeating: "y", count: 1000))\r\n" }.joined()
        try channel.writeInbound(
            ByteBuffer(string: "GET /v1/teams?team=\(query) HTTP/1.1\r\nHost: x\r\n\(headers)\r\n"))
        guard case .head(let request) = try channel.readInbound(as: HTTPRequestPart.self) else {
            Issue.record("no head reached the router")
            return
        }
        #expect(request.path == "/v1/teams?team=\(query)")
        #expect(try Self.written(channel).isEmpty)
        _ = try? channel.finish()
    }
}

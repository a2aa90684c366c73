import FirebreakServer
import Foundation
import HTTPTypes
import Testing

/// Hostile JSON bodies of the kinds the `scripts/fuzz json` target sends, but up to the body limit:
/// every request body refuses each with a 4xx (never a 5xx, a crash or a stack overflow).
@Suite("Request bodies: hostile input")
struct RequestBodiesTests {
    struct Body: Sendable, CustomStringConvertible {
        var name: String
        var bytes: Data
        var description: String { name }
    }

    /// The fuzz target's inputs stay under 4 KiB; the service takes 1 MiB.
    static let hostile: [Body] = [
        Body(name: "arrays nested a million deep", bytes: Data(repeating: UInt8(ascii: "["), count: 1 << 20)),
        Body(
            name: "closed arrays nested 100,000 deep in a field",
            bytes: Data(
                (#"{"dependsOn":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
                    + "}").utf8)),
        Body(
            name: "objects nested 100,000 deep",
            bytes: Data(String(repeating: #"{"title":"#, count: 100_000).utf8)),
        Body(name: "not UTF-8", bytes: Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D])),
        Body(name: "a NUL in a key", bytes: Data(#"{"ti\u0000tle":"x"}"#.utf8)),
        // Read by JSONSerialization as UTF-32 `{}` and then by the duplicate-key scan as UTF-8 (fuzz-json).
        Body(
            name: "raw NUL bytes, as UTF-32 would have them",
            bytes: Data([0x7B, 0, 0, 0, 0x7D, 0, 0, 0, 0, 0x7D, 0x0A])),
        Body(name: "a number past Double", bytes: Data(#"{"estimate":1e400}"#.utf8)),
    ]

    @Test(arguments: hostile)
    func everyBodyRefusesItWithA4xx(_ body: Body) throws {
        #expect(RequestBodies.serverError(decoding: body.bytes) == nil)
        for (type, problem) in RequestBodies.problems(decoding: body.bytes) {
            let problem = try #require(problem, "\(type) decoded \(body.name)")
            #expect((400..<500).contains(problem.status.code), "\(type): \(problem.detail)")
        }
    }
}

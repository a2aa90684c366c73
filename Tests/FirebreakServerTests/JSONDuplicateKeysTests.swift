import FirebreakServer
import Foundation
import Testing

/// Keys given twice in one object are found wherever they are, and nothing else is taken for one.
@Suite("JSON: keys given twice")
struct JSONDuplicateKeysTests {
    @Test(arguments: [
        (#"{"team": "OPS", "team": "CORE"}"#, "team"),
        (#"{"a": 1, "b": {"c": 1, "d": 2, "c": 3}}"#, "b.c"),
        (#"{"items": [{"k": 1}, {"k": 2, "k": 3}]}"#, "items[1].k"),
        (#"{"te\u0061m": 1, "team": 2}"#, "team"),
        (#"{"a\"b": 1, "a\"b": 2}"#, #"a"b"#),
        (#"  {"x": [[], {}, "}", "{\"x\": 1"], "x": null}"#, "x"),
    ])
    func theFirstKeyGivenTwiceIsNamed(json: String, path: String) {
        #expect(JSONDuplicateKeys.first(in: Data(json.utf8)) == path)
    }

    @Test(arguments: [
        #"{"a": 1, "b": 2}"#,
        #"{"a": {"a": {"a": 1}}}"#,
        #"{"list": [{"k": 1}, {"k": 2}], "k": 3}"#,
        #"{"a": "\"a\": 1, \"a\": 2", "b": "}{"}"#,
        #"{"a": "\\", "b": "\\\""}"#,
        #"[{"a": 1}, {"a": 2}]"#,
        #"{}"#,
    ])
    func nothingElseIsTakenForOne(json: String) {
        #expect(JSONDuplicateKeys.first(in: Data(json.utf8)) == nil)
    }

    /// Found by `scripts/fuzz json`: a closing bracket with nothing open trapped on an empty stack.
    @Test func strayClosingBracketsAreSkipped() {
        #expect(JSONDuplicateKeys.first(in: Data([0x7B, 0, 0, 0, 0x7D, 0, 0, 0, 0, 0x7D, 0x0A])) == nil)
        #expect(JSONDuplicateKeys.first(in: Data(#"}]{"a": 1, "a": 2}"#.utf8)) == "a")
        #expect(RequestBodies.serverError(decoding: Data([0x7B, 0, 0, 0, 0x7D, 0, 0, 0, 0, 0x7D, 0x0A])) == nil)
    }

    /// One pass with no copies of the keys seen: 50,000 keys in one object take a moment, not minutes.
    @Test func manyKeysAreReadOnce() {
        let keys = (0..<50_000).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        #expect(JSONDuplicateKeys.first(in: Data("{\(keys)}".utf8)) == nil)
        #expect(JSONDuplicateKeys.first(in: Data("{\(keys), \"k49999\": 0}".utf8)) == "k49999")
    }
}

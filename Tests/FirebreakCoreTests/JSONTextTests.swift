import FirebreakCore
import Foundation
import Testing

@Suite("JSON written by hand")
struct JSONTextTests {
    @Test(arguments: [
        "ACT-12", "", "say \"hi\"", #"back\slash"#, "line\nbreak\r\ttab", "\u{0}\u{1}\u{1F}\u{7F}", "é ✓ 🚒",
        "</script>",
    ])
    func stringsReadBackAsThemselves(_ text: String) throws {
        let json = "[" + JSONText.quoted(text) + "]"
        #expect(try JSONDecoder().decode([String].self, from: Data(json.utf8)) == [text])
    }

    @Test(arguments: [0.0, -0.0, 1, 3, 0.1, 843.76, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, -2.5])
    func numbersReadBackExactly(_ value: Double) throws {
        let json = "[" + (try JSONText.number(value)) + "]"
        let read = try JSONDecoder().decode([Double].self, from: Data(json.utf8))
        #expect(read == [value] && read[0].sign == value.sign)
    }

    @Test(arguments: [Double.infinity, -.infinity, .nan])
    func numbersJSONCannotHoldAreRefused(_ value: Double) {
        #expect(throws: JSONTextError.self) { try JSONText.number(value) }
    }

    @Test func arraysAreWrittenAsNamedMembers() throws {
        var out = "{"
        JSONText.append("keys", ["ACT-1", "ACT-2"].map(JSONText.quoted), to: &out)
        JSONText.append("none", [], to: &out)
        out += "\"n\":1}"
        let read = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        #expect(read?["keys"] as? [String] == ["ACT-1", "ACT-2"])
        #expect((read?["none"] as? [Any])?.isEmpty == true)
        #expect(read?["n"] as? Int == 1)
    }
}

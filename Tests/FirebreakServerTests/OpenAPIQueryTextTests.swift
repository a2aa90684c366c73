import FirebreakServer
import Foundation
import Testing

/// The API refuses a query parameter's text with 400 when it holds a NUL (`APIRoute`'s one rule for
/// text). The document must say so with a pattern: a client generated from it, and schemathesis, may
/// otherwise send what the document promises to accept and be refused.
@Suite("openapi.yaml: free-text query parameters")
struct OpenAPIQueryTextTests {
    @Test func everyFreeTextQueryParameterRulesOutNUL() throws {
        let lines = try OpenAPIDocument.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }
        var unruled: [String] = []
        var i = 0
        while i < lines.count {
            let head = lines[i].trimmingCharacters(in: .whitespaces)
            guard head.hasPrefix("- name: ") else {
                i += 1
                continue
            }
            // The parameter's lines: those indented deeper than its `- name:`.
            var block: [String] = []
            var next = i + 1
            while next < lines.count, indent(lines[next]) > indent(lines[i]) {
                block.append(lines[next].trimmingCharacters(in: .whitespaces))
                next += 1
            }
            let ruled = block.contains { $0.hasPrefix("pattern:") || $0.hasPrefix("enum:") || $0.hasPrefix("format:") }
            if block.contains("in: query"), block.contains("type: string"), !ruled {
                unruled.append("\(head.dropFirst("- name: ".count)) (line \(i + 1))")
            }
            i = next
        }
        #expect(unruled.isEmpty, "query parameters of free text with no pattern: \(unruled)")
    }
}

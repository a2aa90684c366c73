import FirebreakServer
import Foundation

/// The operations `openapi.yaml` declares and the statuses each may answer, read with a small
/// line reader (the document keeps YAML's usual two-space indentation).
struct OpenAPISpec {
    struct Operation: Hashable, CustomStringConvertible {
        var method: String
        var path: String
        var description: String { "\(method) \(path)" }
    }

    var statuses: [Operation: Set<String>] = [:]

    static func load() throws -> OpenAPISpec {
        try OpenAPISpec(text: OpenAPIDocument.text())
    }

    init(text: String) {
        var inPaths = false
        var path: String?
        var method: String?
        var inResponses = false
        let methods: Set<String> = ["get", "post", "put", "patch", "delete", "head", "options"]
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
                || line.trimmingCharacters(in: .whitespaces).isEmpty
            {
                continue
            }
            let indent = line.prefix(while: { $0 == " " }).count
            let content = line.trimmingCharacters(in: .whitespaces)
            if indent == 0 {
                inPaths = content == "paths:"
                path = nil
                continue
            }
            guard inPaths else { continue }
            if indent == 2, content.hasSuffix(":") {
                path = String(content.dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
                method = nil
            } else if indent == 4, content.hasSuffix(":"), methods.contains(String(content.dropLast())) {
                method = String(content.dropLast()).uppercased()
                inResponses = false
                if let path, let method { statuses[Operation(method: method, path: path), default: []] = [] }
            } else if indent == 6 {
                inResponses = content == "responses:"
            } else if indent == 8, inResponses, let path, let method, content.hasSuffix(":") || content.contains(":") {
                let key = content.split(separator: ":")[0].trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
                if key.count == 3, key.allSatisfy(\.isNumber) || key.hasSuffix("XX") {
                    statuses[Operation(method: method, path: path), default: []].insert(key)
                }
            }
        }
    }

    /// Whether `status` is documented for the operation (exactly, or by its class, as `4XX`).
    func documents(_ operation: Operation, status: Int) -> Bool {
        guard let codes = statuses[operation] else { return false }
        return codes.contains(String(status)) || codes.contains("\(status / 100)XX") || codes.contains("default")
    }
}

/// JSON written by hand, for the few places where `JSONEncoder` is too slow: arrays of a
/// hundred thousand keys and numbers in a stored plan.
public enum JSONText {
    /// `"name":[a,b,...],` onto `out`; the elements are JSON already.
    public static func append(_ name: String, _ elements: [String], to out: inout String) {
        out += quoted(name) + ":["
        for (i, element) in elements.enumerated() {
            if i > 0 { out += "," }
            out += element
        }
        out += "],"
    }

    /// A JSON string: quotes, backslashes and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON number: Swift's shortest text that reads back exactly. JSON has no infinity or NaN.
    public static func number(_ value: Double) throws(JSONTextError) -> String {
        guard value.isFinite else { throw JSONTextError(value: value) }
        return value.description
    }
}

/// A number JSON cannot hold.
public struct JSONTextError: Error, Sendable, CustomStringConvertible {
    public var value: Double
    public var description: String { "\(value) is not a JSON number" }
}

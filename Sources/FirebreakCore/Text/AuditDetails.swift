import Foundation

/// An audit entry's details as a person reads them: `estimate 5 → 13; title "Alert" → "Page"` for a
/// change's before and after values, `incident INC-7; coverage 0.5` for the rest. The stored JSON
/// stays what the API gives.
public enum AuditDetails {
    public static func text(_ json: String) -> String {
        guard let data = json.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any]
        else { return json }
        return object.keys.sorted().map { key in
            let name = key.replacingOccurrences(of: "_", with: " ")
            if let change = object[key] as? [String: Any], change.count == 2,
                let before = change["before"], let after = change["after"]
            {
                return "\(name) \(value(before)) → \(value(after))"
            }
            return "\(name) \(value(object[key] as Any))"
        }.joined(separator: "; ")
    }

    /// A JSON value in a sentence: text in quotes, `none` for null, numbers as people write them.
    static func value(_ value: Any) -> String {
        switch value {
        case is NSNull: return "none"
        case let text as String: return "\"\(text)\""
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return number.boolValue ? "yes" : "no" }
            return NumberText.plain(number.doubleValue)
        case let list as [Any]: return "[" + list.map(Self.value).joined(separator: ", ") + "]"
        case let object as [String: Any]:
            return "{" + object.keys.sorted().map { "\($0): \(Self.value(object[$0]!))" }.joined(separator: ", ") + "}"
        default: return "\(value)"
        }
    }
}

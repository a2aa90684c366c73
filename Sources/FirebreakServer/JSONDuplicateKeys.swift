package import Foundation

/// Finds a key given twice in one object of a JSON text.
///
/// JSONSerialization and JSONDecoder both take such a body and keep one of the values without a
/// word (`{"team": "OPS", "team": "CORE"}` created the action in OPS), so the bytes are read for it
/// before they are decoded. One pass, with a stack of the open objects and arrays instead of
/// recursion, so that nesting as deep as a body can hold costs memory, not the call stack.
package enum JSONDuplicateKeys {
    /// The path of the first key that an object of `data` holds twice, written as a problem's `field`
    /// is (`team`, `severityAliases.Critical`, `items[2].key`); nil when there is none. `data` is
    /// valid UTF-8 JSON (the caller checked).
    package static func first(in data: Data) -> String? {
        data.withUnsafeBytes { raw in first(in: raw.bindMemory(to: UInt8.self)) }
    }

    private enum Container {
        case object(path: String, keys: Set<String>, key: String?, awaitingValue: Bool)
        case array(path: String, index: Int)
    }

    private static func first(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var stack: [Container] = []
        var i = 0
        /// The path of the value that starts here.
        func valuePath() -> String {
            switch stack.last {
            case .object(let path, _, let key, _)?: path.isEmpty ? key ?? "" : "\(path).\(key ?? "")"
            case .array(let path, let index)?: "\(path)[\(index)]"
            case nil: ""
            }
        }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "{"):
                stack.append(.object(path: valuePath(), keys: [], key: nil, awaitingValue: false))
                i += 1
            case UInt8(ascii: "["):
                stack.append(.array(path: valuePath(), index: 0))
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                // A closing bracket with nothing open: what Foundation's reader took for valid JSON
                // need not be (the fuzzer's `{\0\0\0}\0\0\0\0}` reached here), so stray ones are skipped.
                if !stack.isEmpty { stack.removeLast() }
                i += 1
            case UInt8(ascii: ":"):
                if case .object(let path, let keys, let key, _)? = stack.last {
                    stack[stack.count - 1] = .object(path: path, keys: keys, key: key, awaitingValue: true)
                }
                i += 1
            case UInt8(ascii: ","):
                switch stack.last {
                case .object(let path, let keys, let key, _)?:
                    stack[stack.count - 1] = .object(path: path, keys: keys, key: key, awaitingValue: false)
                case .array(let path, let index)?:
                    stack[stack.count - 1] = .array(path: path, index: index + 1)
                case nil: break
                }
                i += 1
            case UInt8(ascii: "\""):
                let start = i + 1
                var end = start
                var escaped = false
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\") {
                        escaped = true
                        end += 1
                    }
                    end += 1
                }
                i = end + 1
                guard case .object(_, _, _, false)? = stack.last,
                    case .object(let path, var keys, _, _) = stack.removeLast()  // keys unshared: no copy
                else { continue }
                let key = text(UnsafeBufferPointer(rebasing: bytes[start..<min(end, bytes.count)]), escaped: escaped)
                let inserted = keys.insert(key).inserted
                stack.append(.object(path: path, keys: keys, key: key, awaitingValue: false))
                if !inserted { return valuePath() }
            default:
                i += 1  // white space, or a number, true, false or null
            }
        }
        return nil
    }

    /// A string's text from the bytes between its quotes; escapes are read as JSON reads them.
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, escaped: Bool) -> String {
        let plain = String(decoding: bytes, as: UTF8.self)
        guard escaped else { return plain }
        let quoted = Data([UInt8(ascii: "\"")] + Array(bytes) + [UInt8(ascii: "\"")])
        return (try? JSONSerialization.jsonObject(with: quoted, options: [.fragmentsAllowed])) as? String ?? plain
    }
}

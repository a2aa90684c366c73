/// A value with the version of its row, which the API sends as its ETag and a change names in `If-Match`.
public struct Versioned<Value: Sendable>: Sendable {
    public var value: Value
    public var version: Int

    public init(_ value: Value, version: Int) {
        self.value = value
        self.version = version
    }
}

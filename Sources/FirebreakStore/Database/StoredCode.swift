/// A code read from the database (a kind, a status, a role): a stored value that is not one of its
/// cases is an error naming the column, never a default.
enum StoredCode {
    static func decode<Code: RawRepresentable>(
        _ raw: Code.RawValue, as type: Code.Type = Code.self, column: String
    ) throws -> Code {
        guard let code = Code(rawValue: raw) else {
            throw StoreError(.internal, "\(column) holds \(raw), which is not a known \(Code.self)")
        }
        return code
    }

    static func decodeIfPresent<Code: RawRepresentable>(
        _ raw: Code.RawValue?, as type: Code.Type = Code.self, column: String
    ) throws -> Code? {
        try raw.map { try decode($0, as: Code.self, column: column) }
    }
}

extension Engineer {
    /// The longest display name, in Unicode scalars (PostgreSQL's `length`); the schema's limit.
    public static let maxDisplayNameLength = 200

    /// The first field that breaks a rule of the schema: the API's field that holds it and what
    /// is wrong, in words that name it; nil when all are valid. The CLI checks flags with it and
    /// the store checks every engineer with it, so that both say the same and the database is not
    /// the one to refuse.
    public func validationProblem() -> (field: String, message: String)? {
        if !Self.isValidHandle(handle) {
            return ("handle", "handle \"\(handle)\" must be lower-case letters, digits, '.', '-' or '_' (at most 39)")
        }
        if displayName.isEmpty || displayName.unicodeScalars.count > Self.maxDisplayNameLength {
            return ("displayName", "display name must be 1 to \(Self.maxDisplayNameLength) characters")
        }
        if let email, !Self.isValidEmail(email) {
            return ("email", "email \"\(email)\" is not an email address (NAME@DOMAIN, without spaces)")
        }
        if !Self.capacityRange.contains(capacity) {
            return ("capacity", "capacity must be a number of story points from 0 to 1000")
        }
        return nil
    }

    /// One `@` with text on both sides and no whitespace: the schema's `^[^@\s]+@[^@\s]+$` (Unicode's
    /// spaces too, which a database's locale may count).
    public static func isValidEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty }
            && !email.unicodeScalars.contains { $0.properties.isWhitespace }
    }
}

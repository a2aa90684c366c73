/// What went wrong in the store, in words a user can act on.
///
/// Each case maps to one of the CLI's exit codes (DESIGN.md section 7) and to one HTTP status. The
/// message is always Firebreak's own: a database's error text, which can hold a stored row, never
/// reaches it (``Database/translate(_:logger:)``).
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The input breaks a rule (a bad value, an unknown category); nothing was written.
        case invalid
        /// A key, team or handle that does not exist.
        case notFound
        /// Someone else holds it, or it already exists.
        case conflict
        /// The database cannot be reached or set up.
        case unavailable
        /// The row changed since the caller read it (an `If-Match` that no longer matches).
        case stale
        /// The database refused a statement for a reason no input explains: Firebreak's own fault.
        case `internal`
    }

    public var kind: Kind
    public var message: String
    /// The request field at fault, when one is (a JSON key of the API such as `title` or
    /// `externalKey`): a value that breaks a rule, a name already taken, or a team or engineer named
    /// in a body that does not exist (the body's fault, not a missing resource).
    public var field: String?

    public init(_ kind: Kind, _ message: String, field: String? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
    }

    public var description: String { message }

    public static func invalid(_ message: String, field: String? = nil) -> StoreError {
        StoreError(.invalid, message, field: field)
    }
    public static func notFound(_ message: String, field: String? = nil) -> StoreError {
        StoreError(.notFound, message, field: field)
    }
    public static func conflict(_ message: String, field: String? = nil) -> StoreError {
        StoreError(.conflict, message, field: field)
    }
    public static func unavailable(_ message: String) -> StoreError { StoreError(.unavailable, message) }
}

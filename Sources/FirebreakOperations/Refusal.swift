/// An operation the caller's role or identity does not allow: 403 through the service, exit 1 in the CLI.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The request field at fault, if one is.
    public var field: String?

    public init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }

    public var description: String { message }
}

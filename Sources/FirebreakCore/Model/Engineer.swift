/// An engineer of a team and what they can take on.
public struct Engineer: Sendable, Codable, Equatable {
    public var handle: String
    public var displayName: String
    public var email: String?
    public var team: String
    /// Story points per sprint. Default 8.
    public var capacity: Double

    public init(handle: String, displayName: String, email: String? = nil, team: String, capacity: Double = 8) {
        self.handle = handle
        self.displayName = displayName
        self.email = email
        self.team = team
        self.capacity = capacity
    }

    /// The story points an engineer may have per sprint. Bounded so that a team's capacity, summed
    /// over its engineers, stays a finite number that whole points can be taken from.
    public static let capacityRange: ClosedRange<Double> = 0...1000

    /// Lower-case letters, digits, dots, dashes and underscores, starting with a letter or digit.
    public static func isValidHandle(_ handle: String) -> Bool {
        guard let first = handle.first, first.isASCII, first.isLowercase || first.isNumber, handle.count <= 39
        else { return false }
        return handle.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || ".-_".contains($0) }
    }
}

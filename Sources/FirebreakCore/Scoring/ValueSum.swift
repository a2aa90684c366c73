/// An action's value, `Σ coverage × cost` over its links (DESIGN.md section 4), summed exactly: the
/// same to the last bit in whatever order the links are added, which floating-point addition is not.
///
/// Each term is counted in whole units of 2^-32 (rounded half to even, as PostgreSQL casts a float8
/// to bigint), so the sum of the units is exact; a term of 2^30 or more (a cost no real outage
/// reaches) is added as it is. The SQL ranking sums the same units in bigint and numeric, so both
/// give the same value without sorting each action's links.
public struct ValueSum: Sendable {
    /// Units per 1 of value: 2^32, so that a term is kept to about 2e-10.
    public static let scale = 0x1p32
    /// A scaled term at or above this (2^62) is too large to count in units of a bigint.
    public static let largeScaled = 0x1p62

    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var large = 0.0

    public init() {}

    public mutating func add(_ term: Double) {
        let scaled = term * Self.scale
        guard scaled < Self.largeScaled else {
            large += scaled
            return
        }
        let (sum, carried) = low.addingReportingOverflow(UInt64(max(0, scaled).rounded(.toNearestOrEven)))
        low = sum
        if carried { high += 1 }
    }

    public var value: Double { (Double(high) * 0x1p64 + Double(low) + large) / Self.scale }
}

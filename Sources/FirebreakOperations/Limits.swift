import FirebreakStore

/// The limits of the operations, each checked once here for every face.
public enum Limits {
    /// How many sprints a plan may cover (and the calendar show): a year of weekly sprints.
    public static let planHorizon = 1...52

    /// `limit` of a listing: 1 or more when given.
    static func checkListLimit(_ limit: Int?) throws {
        if let limit, limit < 1 {
            throw StoreError.invalid("limit must be a whole number of 1 or more", field: "limit")
        }
    }
}

import FirebreakStore

/// The limits of the operations, each checked once here for every face.
public enum Limits {
    /// How many sprints a plan may cover (and the calendar show): a year of weekly sprints.
    public static let planHorizon = 1...52

    /// How many sprints a plan covers when none is asked for.
    public static let defaultPlanHorizon = 6

    /// `sprints` of a plan or `count` of the calendar, within ``planHorizon``.
    static func checkHorizon(_ sprints: Int, field: String) throws {
        guard planHorizon.contains(sprints) else {
            throw StoreError.invalid(
                "\(field) must be \(planHorizon.lowerBound) to \(planHorizon.upperBound), got \(sprints)", field: field)
        }
    }

    /// `limit` of a listing: 1 or more when given.
    static func checkListLimit(_ limit: Int?) throws {
        if let limit, limit < 1 {
            throw StoreError.invalid("limit must be a whole number of 1 or more", field: "limit")
        }
    }
}

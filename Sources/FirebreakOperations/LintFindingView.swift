public import FirebreakCore

/// A gap a manager must close, with the team it belongs to (`lint --format json`, `GET /v1/teams/{team}/lint`).
public struct LintFindingView: Codable, Sendable, Equatable {
    public var team: String
    public var code: LintFinding.Code
    public var key: String
    public var message: String

    public init(team: String, code: LintFinding.Code, key: String, message: String) {
        self.team = team
        self.code = code
        self.key = key
        self.message = message
    }
}

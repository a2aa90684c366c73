import FirebreakStore

extension Caller {
    /// Refuses a caller below `role`.
    func require(_ role: TokenStore.Role) throws {
        guard self.role >= role else {
            throw Refusal(role.shortfall(of: name, holding: self.role))
        }
    }
}

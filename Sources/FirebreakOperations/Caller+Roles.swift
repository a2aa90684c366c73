import FirebreakStore

extension Caller {
    /// Refuses a caller below `role`.
    func require(_ role: TokenStore.Role) throws {
        guard self.role >= role else {
            throw Refusal("this needs a \(role.rawValue) token; \(name) is a \(self.role.rawValue)")
        }
    }
}

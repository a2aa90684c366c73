import FirebreakOperations
import FirebreakStore

/// Who the token is.
extension RouteRegistry {
    mutating func addMe(_ backend: Backend) {
        get("me", role: .viewer) { _, context in
            try Reply.json(try await context.operations(backend).me())
        }
    }
}

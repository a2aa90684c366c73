import Mustache

/// A page's view as swift-mustache reads it fastest: every struct turned into a dictionary of its
/// properties, once, before rendering. swift-mustache looks each `{{name}}` up in a struct by walking
/// a `Mirror` of all of its properties, for every lookup and for every object on the context stack
/// that does not have the name; a profile of `firebreak serve` under the web benchmark had 26% of its
/// samples there. A dictionary is looked up by hash (`Dictionary` is a `MustacheParent`). A property
/// that is nil is left out, which swift-mustache treats as it treats nil: not found, look further up.
enum WebTemplateValue {
    static func of(_ value: Any) -> Any {
        switch value {
        case is String, is Bool, is Int, is Double, is any MustacheParent, is any MustacheCustomRepresentation,
            is MustacheLambda:
            return value
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class:
            var properties: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, let property = unwrapped(child.value) else { continue }
                properties[label] = of(property)
            }
            return properties
        case .collection:
            return mirror.children.map { element in unwrapped(element.value).map(of) ?? element.value }
        case .optional:
            return unwrapped(value).map(of) ?? value
        default:
            return value
        }
    }

    /// The value an optional holds (nil when it holds none); any other value as it is.
    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}

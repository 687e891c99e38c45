/// A malformed placeholder in a campaign's message spec; the API answers 400 with it.
public enum TextPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    case unterminatedPlaceholder(pattern: String)
    case emptyVariableName(pattern: String)
    case invalidVariableName(String, pattern: String)

    public var description: String {
        switch self {
        case .unterminatedPlaceholder(let pattern):
            "a '{{' has no closing '}}' in \"\(pattern)\""
        case .emptyVariableName(let pattern):
            "a placeholder '{{}}' has no variable name in \"\(pattern)\""
        case .invalidVariableName(let name, let pattern):
            "the variable name \"\(name)\" in \"\(pattern)\" may only use letters, digits, '_', '-' and '.'"
        }
    }
}

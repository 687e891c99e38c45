/// Why a campaign's message could not be rendered for one recipient.
public enum RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message references `{{name}}` and the recipient has no variable of that name.
    case missingVariable(name: String)
    /// After rendering, `field` is longer than the Cloud API accepts.
    case textTooLong(field: String, limit: Int)

    public var skipReason: SkipReason {
        switch self {
        case .missingVariable: .missingVariable
        case .textTooLong: .textTooLong
        }
    }

    public var description: String {
        switch self {
        case .missingVariable(let name): "the recipient has no variable \(name)"
        case .textTooLong(let field, let limit): "\(field) is longer than \(limit) characters once rendered"
        }
    }
}

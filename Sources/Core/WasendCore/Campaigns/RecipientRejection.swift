/// Why the planner made no job for a recipient. Every rejected recipient is reported with one of
/// these, never dropped in silence.
public enum RecipientRejection: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidPhoneNumber(PhoneNumberError)
    /// Business-initiated messages need the recipient's opt-in.
    case notOptedIn
    case renderFailed(RenderError)

    /// A stable machine-readable code for reports and the API.
    public var code: String {
        switch self {
        case .invalidPhoneNumber(let error): error.rawValue
        case .notOptedIn: "not_opted_in"
        case .renderFailed(let error): error.code
        }
    }

    public var description: String {
        switch self {
        case .invalidPhoneNumber(let error): error.description
        case .notOptedIn: "the recipient has not opted in"
        case .renderFailed(let error): error.description
        }
    }
}

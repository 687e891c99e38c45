/// A webhook body that could not be read, with where in the body it went wrong
/// (`entry[0].changes[2].value.statuses[17].timestamp`), so a record sent to the dead-letter topic
/// says what to look at.
public struct WebhookParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A JSON path into the body; empty when the body is not JSON at all.
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        path.isEmpty ? "invalid webhook body: \(reason)" : "invalid webhook body at \(path): \(reason)"
    }
}

extension WebhookParseError {
    init(_ error: DecodingError) {
        switch error {
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            self.init(path: Self.path(context.codingPath), reason: context.debugDescription + underlying)
        case .keyNotFound(let key, let context):
            self.init(path: Self.path(context.codingPath + [key]), reason: "required key is missing")
        case .typeMismatch(let type, let context):
            self.init(path: Self.path(context.codingPath), reason: "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            self.init(path: Self.path(context.codingPath), reason: "expected \(type), found null")
        @unknown default:
            self.init(path: "", reason: String(describing: error))
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }
}

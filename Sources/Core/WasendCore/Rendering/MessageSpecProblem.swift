/// A structural mistake in a campaign's message spec, found before any recipient is rendered;
/// the API answers 400 with its `field` and `code`.
public struct MessageSpecProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// A JSON path into the campaign, e.g. `message.template.components[2].index`.
    public var field: String
    /// A stable machine-readable code, e.g. `missing_button_index`.
    public var code: String
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

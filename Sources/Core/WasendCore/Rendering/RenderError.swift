/// Why a message could not be rendered for one recipient. It names the recipient, the field and
/// the variables involved, so the campaign report can say exactly which row to fix.
public struct RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        /// The recipient has no value for this variable.
        case missingVariable(String)
        /// The rendered field is longer than the Cloud API accepts (lengths in Unicode scalars).
        case tooLong(variables: [String], length: Int, limit: Int)
        /// The rendered field is empty; the Cloud API refuses empty parameters.
        case empty(variables: [String])
        /// A currency amount did not render to a whole number (of thousandths).
        case invalidAmount(variables: [String])
    }

    public var recipient: PhoneNumber
    /// Where in the message: `text body`, `body parameter 2`, `button 0 parameter 1`, ….
    public var field: String
    public var problem: Problem

    /// A stable machine-readable code for the API and the campaign report.
    public var code: String {
        switch problem {
        case .missingVariable: "missing_variable"
        case .tooLong: "value_too_long"
        case .empty: "empty_value"
        case .invalidAmount: "invalid_amount"
        }
    }

    public var description: String {
        func named(_ variables: [String]) -> String {
            variables.isEmpty ? "" : " (from \(variables.map { "{{\($0)}}" }.joined(separator: ", ")))"
        }
        let what =
            switch problem {
            case .missingVariable(let name):
                "the variable {{\(name)}} is missing"
            case .tooLong(let variables, let length, let limit):
                "the value is \(length) characters long, more than the \(limit) allowed\(named(variables))"
            case .empty(let variables):
                "the value is empty\(named(variables))"
            case .invalidAmount(let variables):
                "the amount is not a whole number of thousandths\(named(variables))"
            }
        return "recipient \(recipient), \(field): \(what)"
    }
}

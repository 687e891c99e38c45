/// Why a client call failed, worded for the person at the terminal.
public struct CampaignClientError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The API answered with an error (4xx, or 5xx after the retries).
        case rejected(status: Int, code: String?)
        /// No answer: refused, reset or timed out, after the retries.
        case unreachable
        /// An answer this client cannot read.
        case unexpectedAnswer
        /// The input (a file, an option) is wrong before anything was sent.
        case invalidInput
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String {
        switch kind {
        case .rejected(let status, let code): "the API refused (HTTP \(status)\(code.map { ", \($0)" } ?? "")): \(message)"
        case .unreachable: "the API cannot be reached: \(message)"
        case .unexpectedAnswer: "unexpected answer from the API: \(message)"
        case .invalidInput: message
        }
    }
}

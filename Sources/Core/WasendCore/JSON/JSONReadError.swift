/// Malformed JSON, or JSON that is not the record expected, with where it went wrong.
public struct JSONReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Bytes from the start of the record.
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at byte \(offset)" }
}

/// A call to the shared sending state that cannot be carried out: bad input, or a script reply of
/// an unexpected shape (a different script version under the same key layout). Redis failures
/// themselves arrive as `RedisError`.
public struct SendingStateError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

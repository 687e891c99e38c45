/// The type of the strings in a message: `String` once it is rendered for a recipient,
/// ``TextPattern`` in a campaign's spec. One set of message types serves both, so the spec and
/// the message it renders to cannot drift apart in shape or in JSON.
public protocol MessageText: Sendable, Hashable, Codable {
    /// A currency amount in thousandths: a number once rendered; in a spec, a pattern that must
    /// render to one.
    associatedtype Amount: Sendable, Hashable, Codable

    /// Reads a text or payload parameter's value. A spec also accepts the one-variable shorthand
    /// under `variableKey` (`{"type":"text","variable":"first_name"}`); a rendered message does not.
    static func decodeParameterValue<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>, forKey key: Key, variableKey: Key
    ) throws -> Self

    /// Reads a currency's `amount_1000`; a spec also accepts a plain number there.
    static func decodeAmount<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> Amount
}

extension MessageText {
    public static func decodeParameterValue<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>, forKey key: Key, variableKey: Key
    ) throws -> Self {
        try container.decode(Self.self, forKey: key)
    }

    public static func decodeAmount<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> Amount {
        try container.decode(Amount.self, forKey: key)
    }
}

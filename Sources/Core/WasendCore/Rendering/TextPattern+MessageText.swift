/// A campaign's spec holds patterns; its amounts are patterns too, so they can come from a variable.
extension TextPattern: MessageText {
    public typealias Amount = TextPattern

    public static func decodeParameterValue<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>, forKey key: Key, variableKey: Key
    ) throws -> TextPattern {
        if let variable = try container.decodeIfPresent(String.self, forKey: variableKey) {
            return .variable(variable)
        }
        return try container.decode(TextPattern.self, forKey: key)
    }

    public static func decodeAmount<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> TextPattern {
        if let amount = try? container.decode(Int64.self, forKey: key) {
            return TextPattern(segments: [.literal(String(amount))])
        }
        return try container.decode(TextPattern.self, forKey: key)
    }
}

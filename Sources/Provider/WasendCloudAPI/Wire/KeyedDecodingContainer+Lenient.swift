/// Meta writes the same id or timestamp as a JSON string in one payload and as a number in another
/// (`"timestamp": "1669233778"` and `"timestamp": 1669233778` both occur in real webhooks). These
/// helpers accept both, so a representation change on Meta's side is not a parse failure on ours.
extension KeyedDecodingContainer {
    func decodeLenientString(forKey key: Key) throws -> String {
        if let value = try? decode(String.self, forKey: key) {
            return value
        }
        if let value = try? decode(Int64.self, forKey: key) {
            return String(value)
        }
        if let value = try? decode(Double.self, forKey: key) {
            return String(value)
        }
        // Let the decoder produce its own error: it names the key and the path, or says it is missing.
        return try decode(String.self, forKey: key)
    }

    func decodeLenientStringIfPresent(forKey key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeLenientString(forKey: key)
    }

    func decodeLenientIntIfPresent(forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let value = try? decode(Int.self, forKey: key) {
            return value
        }
        if let text = try? decode(String.self, forKey: key), let value = Int(text) {
            return value
        }
        throw DecodingError.typeMismatch(
            Int.self,
            DecodingError.Context(
                codingPath: codingPath + [key],
                debugDescription: "Expected an integer or a string holding an integer."))
    }
}

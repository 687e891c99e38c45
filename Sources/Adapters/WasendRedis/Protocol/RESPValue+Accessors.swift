/// Typed views of a reply. They return `nil` when the reply has another shape, so callers can
/// write `reply.int ?? 0` for counters that may not exist yet.
extension RESPValue {
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The integer of `:n`, or a bulk or simple string that holds a decimal integer (Lua returns both).
    public var int: Int? {
        switch self {
        case .integer(let value): return Int(exactly: value)
        case .bulkString(let bytes): return Int(String(decoding: bytes, as: UTF8.self))
        case .simpleString(let text): return Int(text)
        default: return nil
        }
    }

    /// A decimal number (`INCRBYFLOAT`, `ZSCORE` answer bulk strings).
    public var double: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .bulkString(let bytes): return Double(String(decoding: bytes, as: UTF8.self))
        case .simpleString(let text): return Double(text)
        default: return nil
        }
    }

    /// Text of a simple or bulk string; bytes that are not UTF-8 are repaired, use `bytes` to keep them.
    public var string: String? {
        switch self {
        case .simpleString(let text): return text
        case .bulkString(let bytes): return String(decoding: bytes, as: UTF8.self)
        default: return nil
        }
    }

    /// The exact bytes of a bulk string (or the UTF-8 of a simple string).
    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes): return bytes
        case .simpleString(let text): return Array(text.utf8)
        default: return nil
        }
    }

    public var array: [RESPValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// An `HGETALL` reply of integer values (counters), by field; a field `key` refuses and a
    /// value that is not an integer are left out. Throws the server error the reply carries.
    public func integerFields<Key: Hashable>(key: (String) -> Key? = { $0 }) throws -> [Key: Int64] {
        var values: [Key: Int64] = [:]
        let flat = try throwingServerError().array ?? []
        for index in stride(from: 0, to: flat.count - 1, by: 2) {
            if let name = flat[index].string.flatMap(key), let value = flat[index + 1].int { values[name] = Int64(value) }
        }
        return values
    }

    /// The server's error text, when this reply is an error.
    public var errorMessage: String? {
        if case .error(let message) = self { return message }
        return nil
    }

    /// This reply, or the server error it carries as a thrown `RedisError` of kind `.server`:
    /// the way to treat one entry of a pipeline's replies like a single command's reply.
    @discardableResult
    public func throwingServerError() throws(RedisError) -> RESPValue {
        if case .error(let message) = self {
            throw RedisError(.server, message)
        }
        return self
    }
}

/// A value that can be one argument of a Redis command. Conformers append their bytes straight into
/// the pipeline's shared buffer, so building a command does not allocate per argument.
public protocol RedisArgument: Sendable {
    func appendRedisBytes(to buffer: inout [UInt8])
}

extension String: RedisArgument {
    @inlinable
    public func appendRedisBytes(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: utf8)
    }
}

extension Substring: RedisArgument {
    @inlinable
    public func appendRedisBytes(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: utf8)
    }
}

/// Raw bytes: values are binary-safe, NUL included.
extension Array: RedisArgument where Element == UInt8 {
    @inlinable
    public func appendRedisBytes(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: self)
    }
}

extension ArraySlice: RedisArgument where Element == UInt8 {
    @inlinable
    public func appendRedisBytes(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: self)
    }
}

/// Integers go in decimal, as Redis expects them (`INCRBY key 5`, `EXPIRE key 60`).
extension Int: RedisArgument {
    @inlinable
    public func appendRedisBytes(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: String(self).utf8)
    }
}

extension Int64: RedisArgument {
    @inlinable
    public func appendRedisBytes(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: String(self).utf8)
    }
}

extension UInt64: RedisArgument {
    @inlinable
    public func appendRedisBytes(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: String(self).utf8)
    }
}

/// Doubles go in Swift's shortest round-trip form (`0.5`, `1e-05`, `inf`), which Redis parses exactly.
extension Double: RedisArgument {
    @inlinable
    public func appendRedisBytes(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: String(self).utf8)
    }
}

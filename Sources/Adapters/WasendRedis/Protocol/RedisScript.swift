import Crypto

/// A Lua script known by its SHA1, so that callers send `EVALSHA sha …` (40 bytes) instead of the
/// source on every call. The client loads the source again on its own when the server answers
/// `NOSCRIPT` (after `SCRIPT FLUSH`, a restart or a failover), also inside pipelines.
///
/// Create scripts once (as `static let`) and reuse them: the hash is computed in the initializer.
public struct RedisScript: Sendable, Hashable {
    public let source: String
    /// Lower-case hex SHA1 of the source's UTF-8 bytes: the name Redis gives the script.
    public let sha1: String

    public init(_ source: String) {
        self.source = source
        let digest = Insecure.SHA1.hash(data: Array(source.utf8))
        self.sha1 = digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 0x10 ? "0" + hex : hex
        }.joined()
    }
}

import CHiredis

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RedisConnection {
    /// Turns the error hiredis recorded in `context` into a `RedisError` whose kind callers can act on.
    /// `errno` must be read right after the failing call, on the same thread.
    static func error(
        of context: UnsafeMutablePointer<redisContext>, errno code: Int32, doing activity: String
    ) -> RedisError {
        let detail = withUnsafeBytes(of: context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        switch context.pointee.err {
        case REDIS_ERR_EOF:
            return RedisError(.connectionClosed, "the server closed the connection while \(activity)", code: REDIS_ERR_EOF)
        case REDIS_ERR_PROTOCOL:
            return RedisError(.protocolViolation, "\(activity): \(detail)", code: REDIS_ERR_PROTOCOL)
        case REDIS_ERR_IO:
            switch code {
            case ECONNREFUSED:
                return RedisError(.connectionRefused, "\(activity): \(detail)", code: code)
            case EAGAIN, EWOULDBLOCK, ETIMEDOUT, EINPROGRESS:
                return RedisError(.timeout, "timed out \(activity) (\(detail))", code: code)
            case ECONNRESET, EPIPE:
                return RedisError(.connectionClosed, "\(activity): \(detail)", code: code)
            default:
                return RedisError(.io, "\(activity): \(detail)", code: code)
            }
        default:
            return RedisError(.io, "\(activity): \(detail)", code: context.pointee.err)
        }
    }
}

extension timeval {
    /// hiredis takes its timeouts as `struct timeval`.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: .init(seconds), tv_usec: .init(attoseconds / 1_000_000_000_000))
    }
}

/// The HTTP version a response was received with.
///
/// Exposed so callers and tests can tell whether HTTP/2 was really negotiated.
public struct HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)
    public static let http2 = HTTPVersion(major: 2, minor: 0)
    public static let http3 = HTTPVersion(major: 3, minor: 0)

    public var description: String {
        minor == 0 && major >= 2 ? "HTTP/\(major)" : "HTTP/\(major).\(minor)"
    }
}

/// A complete HTTP response. Any status is a response: only transport failures throw.
public struct HTTPResponse: Sendable {
    /// How long the exchange took, as curl measured it; free to collect.
    public struct Timing: Sendable, Hashable {
        /// From the start of the transfer until the first response byte.
        public var timeToFirstByte: Duration
        /// From the start of the transfer until the whole response was received.
        public var total: Duration

        public init(timeToFirstByte: Duration, total: Duration) {
            self.timeToFirstByte = timeToFirstByte
            self.total = total
        }
    }

    public var status: Int
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public var timing: Timing

    public init(status: Int, version: HTTPVersion, headers: HTTPHeaders, body: [UInt8], timing: Timing) {
        self.status = status
        self.version = version
        self.headers = headers
        self.body = body
        self.timing = timing
    }
}

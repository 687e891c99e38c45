extension CloudAPIClient {
    /// Where and as whom the client calls the Graph API.
    public struct Configuration: Sendable {
        /// `https://graph.facebook.com`, or the simulator's address in tests and load tests.
        public var baseURL: String
        /// The Graph API version in every path, e.g. `v21.0`.
        public var apiVersion: String
        public var accessToken: AccessToken
        /// Time allowed for one send, overriding the HTTP client's default when set.
        public var sendTimeout: Duration?
        /// Bounds how many pages a template listing follows, so a looping cursor cannot run forever.
        public var maxTemplatePages: Int
        /// Templates asked for per page.
        public var templatePageSize: Int

        public init(
            baseURL: String = "https://graph.facebook.com",
            apiVersion: String = "v21.0",
            accessToken: AccessToken,
            sendTimeout: Duration? = .seconds(15),
            maxTemplatePages: Int = 50,
            templatePageSize: Int = 100
        ) {
            self.baseURL = baseURL
            self.apiVersion = apiVersion
            self.accessToken = accessToken
            self.sendTimeout = sendTimeout
            self.maxTemplatePages = maxTemplatePages
            self.templatePageSize = templatePageSize
        }
    }

    /// A Graph API access token. It prints as `<redacted>` everywhere, so logging a configuration
    /// or an error can never leak it; only the `Authorization` header sees the value.
    public struct AccessToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
        ExpressibleByStringLiteral
    {
        let value: String

        public init(_ value: String) {
            self.value = value
        }

        public init(stringLiteral value: String) {
            self.value = value
        }

        public var description: String { "<redacted>" }
        public var debugDescription: String { "<redacted>" }
    }
}

/// Where a service's health and metrics endpoints listen.
public struct OperationsServerConfiguration: Sendable {
    /// `0.0.0.0` in a container, so probes and scrapes from outside reach it.
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 9090) {
        self.host = host
        self.port = port
    }
}

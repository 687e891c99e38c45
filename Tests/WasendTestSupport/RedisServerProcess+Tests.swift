import WasendRedis

extension RedisServerProcess {
    /// The server's client configuration with a patient command timeout: on a loaded CI machine a
    /// reply can stall for seconds, and a test's own bookkeeping should wait, not fail.
    public var testConfiguration: RedisConfiguration {
        var configuration = configuration
        configuration.commandTimeout = .seconds(30)
        return configuration
    }
}

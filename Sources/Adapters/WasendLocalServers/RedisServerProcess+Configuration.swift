import WasendRedis

extension RedisServerProcess {
    /// A client configuration for this server: its address and password, with timeouts short
    /// enough that a test of a dead or frozen server ends quickly.
    public var configuration: RedisConfiguration {
        RedisConfiguration(
            host: host,
            port: port,
            password: options.password,
            connectTimeout: .seconds(1),
            commandTimeout: .seconds(1))
    }
}

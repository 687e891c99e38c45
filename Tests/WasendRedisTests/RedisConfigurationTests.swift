import Testing
import WasendRedis

@Suite struct RedisConfigurationTests {
    @Test func urlWithEverything() throws {
        let configuration = try RedisConfiguration(url: "redis://sender:s%40cret@cache.internal:6380/3")
        #expect(configuration.host == "cache.internal")
        #expect(configuration.port == 6380)
        #expect(configuration.database == 3)
        #expect(configuration.username == "sender")
        #expect(configuration.password == "s@cret")
    }

    @Test func urlWithDefaults() throws {
        let configuration = try RedisConfiguration(url: "redis://localhost")
        #expect(configuration.host == "localhost")
        #expect(configuration.port == 6379)
        #expect(configuration.database == 0)
        #expect(configuration.username == nil)
        #expect(configuration.password == nil)
    }

    @Test func urlWithPasswordOnlyAndIPv6Host() throws {
        let configuration = try RedisConfiguration(url: "redis://:pw@[::1]:7000")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 7000)
        #expect(configuration.username == nil)
        #expect(configuration.password == "pw")
    }

    @Test(arguments: ["http://localhost", "redis://", "redis://host/db", "not a url at all", "redis://host:0"])
    func invalidURLs(_ url: String) {
        let error = #expect(throws: RedisError.self) { try RedisConfiguration(url: url) }
        #expect(error?.kind == .invalidConfiguration)
    }

    @Test func descriptionNeverShowsThePassword() throws {
        let configuration = try RedisConfiguration(url: "redis://user:hunter2@host:1234/5")
        #expect(configuration.description == "redis://user:***@host:1234/5")
        #expect(!"\(configuration)".contains("hunter2"))
    }

    @Test func invalidSettingsAreRejectedByTheClient() {
        var configuration = RedisConfiguration()
        configuration.maximumConnections = 0
        let error = #expect(throws: RedisError.self) { try RedisClient(configuration: configuration) }
        #expect(error?.kind == .invalidConfiguration)
    }
}

import Logging
import ServiceLifecycle
import Testing
import WasendCampaigns
import WasendRedis
import WasendTestSupport

@testable import WasendAPI

@Suite(.serialized) struct APIServiceTests {
    /// `wasend api` runs as a lifecycle service and returns when the group shuts down gracefully.
    @Test func serviceStopsOnGracefulShutdown() async throws {
        let redisServer = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: redisServer.configuration)
        let api = CampaignAPI(
            configuration: APIConfiguration(port: 0), tenants: try APITestEnvironment.tenants(),
            publisher: UnusedPublisher(), campaignStore: RedisCampaignStore(redis: redis),
            idempotencyStore: RedisIdempotencyStore(redis: redis))
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: APIService(api: api))], logger: Logger(label: "wasend.api.tests")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(200))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        redis.shutDown()
        await redisServer.stop()
    }
}

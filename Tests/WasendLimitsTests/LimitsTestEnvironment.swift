import WasendCore
import WasendLimits
import WasendRedis
import WasendTestSupport

/// A real `redis-server` and a client for one test, with helpers to make jobs.
struct LimitsTestEnvironment {
    let server: RedisServerProcess
    let redis: RedisClient

    static func run(_ body: (LimitsTestEnvironment) async throws -> Void) async throws {
        let server = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: server.configuration)
        do {
            // The ledger reserves only jobs of campaigns Redis knows, as the API stores them first.
            for campaignID in ["c1", "c2"] {
                try await redis.send("HSET", CampaignKeys.campaign(campaignID), CampaignKeys.CampaignField.state, "running")
            }
            try await body(LimitsTestEnvironment(server: server, redis: redis))
        } catch {
            redis.shutDown()
            await server.stop()
            throw error
        }
        redis.shutDown()
        await server.stop()
    }

    /// A client of its own, as another sender process would have.
    func newClient() throws -> RedisClient {
        try RedisClient(configuration: server.configuration)
    }

    /// A distinct valid mobile number for each index below 10⁸.
    static func recipient(_ index: Int) throws -> PhoneNumber {
        try PhoneNumber(e164Digits: "4915" + String(100_000_000 + index).dropFirst())
    }

    static func job(
        _ index: Int, campaignID: String = "c1", phoneNumberID: String = "n1", portfolioID: String = "p1"
    ) throws -> SendJob {
        let recipient = try recipient(index)
        return SendJob(
            jobID: JobID(campaignID: campaignID, recipient: recipient), campaignID: campaignID,
            phoneNumberID: phoneNumberID, portfolioID: portfolioID, recipient: recipient, category: .marketing,
            message: .text(TextMessage(body: "hi")))
    }

    static func jobs(
        _ indices: some Sequence<Int>, phoneNumberID: String = "n1", portfolioID: String = "p1"
    ) throws -> [SendJob] {
        try indices.map { try job($0, phoneNumberID: phoneNumberID, portfolioID: portfolioID) }
    }

    func counters(_ campaignID: String) async throws -> [String: Int] {
        let flat = try await redis.send("HGETALL", CampaignKeys.counters(campaignID)).array ?? []
        var counters: [String: Int] = [:]
        for index in stride(from: 0, to: flat.count - 1, by: 2) {
            if let field = flat[index].string, let value = flat[index + 1].int {
                counters[field] = value
            }
        }
        return counters
    }
}

extension Admission {
    var sendAt: Timestamp? {
        if case .admitted(let sendAt) = self { return sendAt }
        return nil
    }

    var deferral: (limit: SendLimit, notBefore: Timestamp)? {
        if case .deferred(let limit, let notBefore) = self { return (limit, notBefore) }
        return nil
    }
}

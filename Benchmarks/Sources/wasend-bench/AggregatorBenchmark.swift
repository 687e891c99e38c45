import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WasendAggregator
import WasendCampaigns
import WasendCore
import WasendKafka
import WasendLimits
import WasendLocalServers
import WasendRedis

/// `wasend-bench aggregator`: status events folded per second by one aggregator, end to end:
/// from `wasend.webhooks` (bodies of Meta's shape, several statuses each) through the Redis fold
/// and the campaign counters to `wasend.deliveries`.
///
/// The send results are produced and folded first (they precede their statuses in life too, and
/// are timed apart, from the first result folded); then every webhook is produced, and the clock
/// runs until the campaign's counters show every status folded.
struct AggregatorBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregator",
        abstract: "Status events per second through the aggregator (webhooks → Redis fold → deliveries)."
    )

    @Option(help: "Messages in the campaign; each gets sent, delivered and read.")
    var messages = 50_000

    @Option(help: "Statuses per webhook body (Meta batches up to 1,000).")
    var statusesPerBody = 50

    @Option(help: "Partitions of each topic (each keeps only about 5 MB on the mock cluster).")
    var partitions = 32

    static let phoneNumberID = "106540352242922"
    static let portfolioID = "102290129340398"

    func run() async throws {
        var logger = Logger(label: "wasend-bench.aggregator")
        logger.logLevel = ProcessInfo.processInfo.environment["WASEND_BENCH_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        let cluster = try KafkaMockCluster(logger: logger)
        let topics = WasendTopics(prefix: "bench\(UInt32.random(in: 0...UInt32.max)).")
        try cluster.createTopics(topics, partitions: partitions)
        let redisServer = try await RedisServerProcess.start()
        let redis = try RedisClient(configuration: redisServer.configuration)
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers), logger: logger)

        let campaignID = "cmp_bench"
        let record = CampaignRecord(
            campaign: Campaign(
                id: campaignID, name: "bench", phoneNumberID: Self.phoneNumberID, portfolioID: Self.portfolioID,
                category: .marketing, message: .text(TextSpec(body: try TextPattern(parsing: "Hello"))), state: .running),
            tenantID: "bench", version: 1, createdAt: .epoch, updatedAt: .epoch)
        try await RedisCampaignStore(redis: redis).insert(record)

        print("producing \(messages) send results and \(messages * 3) statuses…")
        let now = Int64(Date().timeIntervalSince1970)
        let encoder = JSONEncoder()
        var statuses: [String] = []
        var results: [KafkaProducerRecord] = []
        var outcomes: [SendOutcome] = []
        for index in 0..<messages {
            let recipient = "4915" + String(100_000_000 + index)
            let jobID = JobID(campaignID: campaignID, recipient: try PhoneNumber(e164Digits: recipient))
            let wamid = "wamid.bench\(index)"
            let outcome = SendOutcome(
                jobID: jobID, campaignID: campaignID, phoneNumberID: Self.phoneNumberID, attempt: 1,
                finishedAt: Timestamp(secondsSinceEpoch: now), result: .accepted(wamid: wamid, messageStatus: .accepted))
            outcomes.append(outcome)
            results.append(
                KafkaProducerRecord(topic: topics.results, key: jobID.rawValue, value: outcome.jsonBytes()))
            for (offset, status) in ["sent", "delivered", "read"].enumerated() {
                statuses.append(
                    #"{"id":"\#(wamid)","status":"\#(status)","timestamp":"\#(now + Int64(offset))","recipient_id":"\#(recipient)","biz_opaque_callback_data":"\#(JobCallbackData(jobID: jobID, campaignID: campaignID).encoded)","pricing":{"billable":true,"pricing_model":"PMP","category":"marketing"}}"#
                )
            }
        }
        let ledger = SendLedger(redis: redis)
        for start in stride(from: 0, to: outcomes.count, by: 1_000) {
            try await ledger.finish(Array(outcomes[start..<min(start + 1_000, outcomes.count)]))
        }
        var statusCount = 0
        var webhooks: [KafkaProducerRecord] = []
        for (number, start) in stride(from: 0, to: statuses.count, by: statusesPerBody).enumerated() {
            let batch = statuses[start..<min(start + statusesPerBody, statuses.count)]
            statusCount += batch.count
            let body =
                #"{"object":"whatsapp_business_account","entry":[{"id":"\#(Self.portfolioID)","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"\#(Self.phoneNumberID)"},"statuses":[\#(batch.joined(separator: ","))]}}]}]}"#
            webhooks.append(
                KafkaProducerRecord(
                    topic: topics.webhooks, key: "\(Self.phoneNumberID)-\(number % (partitions * 4))",
                    value: Array(try encoder.encode(WebhookRecord(receivedAt: .epoch, body: body)))))
        }

        var configuration = AggregatorConfiguration()
        configuration.bootstrapServers = cluster.bootstrapServers
        configuration.topics = topics
        configuration.redis = redisServer.configuration
        configuration.groupID = "bench-aggregator"
        let service = AggregatorService(configuration: configuration, logger: logger)
        let resultRecords = results
        let webhookRecords = webhooks
        let (resultsTime, resultsTimed, elapsed) = try await withThrowingTaskGroup(of: (Duration, Int, Duration)?.self) { group in
            group.addTask {
                try await service.run()
                return nil
            }
            group.addTask {
                try await producer.send(contentsOf: resultRecords)
                // Timed from the first result folded: the consumer group's first join is not folding.
                let expiring = AggregatorKeys.expiring(campaignID: campaignID)
                var firstFolded = 0
                while firstFolded == 0 {
                    firstFolded = try await redis.send("ZCARD", expiring).int ?? 0
                    try await Task.sleep(for: .milliseconds(1))
                }
                let resultsStarted = ContinuousClock.now
                while try await redis.send("ZCARD", expiring).int ?? 0 < messages {
                    try await Task.sleep(for: .milliseconds(20))
                }
                let resultsTime = ContinuousClock.now - resultsStarted
                let resultsTimed = messages - firstFolded
                let started = ContinuousClock.now
                try await producer.send(contentsOf: webhookRecords)
                while true {
                    let read = try await redis.send("HGET", CampaignKeys.counters(campaignID), "read").int ?? 0
                    if read >= messages { return (resultsTime, resultsTimed, ContinuousClock.now - started) }
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            while try await group.next() != nil {}
            guard let first else { throw CancellationError() }
            return first
        }
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        print("aggregator: \(resultsTimed) send results (after the first batch) folded in \(String(format: "%.2f", seconds(resultsTime))) s, \(Int(Double(resultsTimed) / seconds(resultsTime))) results/s")
        print("aggregator: \(statusCount) status events (\(webhooks.count) webhook bodies of \(statusesPerBody)) in \(String(format: "%.2f", seconds(elapsed))) s")
        print("aggregator: \(Int(Double(statusCount) / seconds(elapsed))) status events/s")
        try await producer.shutdown()
        redis.shutDown()
        await redisServer.stop()
    }
}

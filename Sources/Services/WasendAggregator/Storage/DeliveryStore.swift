import Foundation
import WasendCore
import WasendRedis

/// The aggregator's reads and writes in Redis, with the layout of ``AggregatorKeys``.
///
/// Every write is idempotent under replay: folding is a join, counting is guarded per message
/// and stage in the same script, joins are plain overwrites of the same value.
struct DeliveryStore: Sendable {
    let redis: RedisClient
    let configuration: AggregatorConfiguration

    /// A message's state after a fold, as the script returned it.
    struct Folded: Sendable {
        var campaignID: String
        var jobID: JobID
        var changed: Bool
        /// Grows by one with every change of the message.
        var version: Int64
        /// The version last published on `wasend.deliveries`.
        var publishedVersion: Int64
        var record: DeliveryRecord

        /// A change of the message is not on `wasend.deliveries` yet.
        var isUnpublished: Bool { version > publishedVersion }
    }

    /// The most messages one fold script takes. A Kafka batch can carry a million statuses (1,000
    /// records of Meta's 1,000-status bodies), and Redis serves nobody else while a script runs: on a
    /// loaded host one script per campaign ran past Redis' 5 s busy limit (fresh-clone CI), and every
    /// other client, the senders' limiter and ledger included, is refused with `BUSY` meanwhile. A few
    /// milliseconds of work each; the calls still share one round trip.
    static let messagesPerScript = 256

    /// Folds `messages` of one campaign each, in one round trip; one script call per campaign and
    /// ``messagesPerScript`` messages.
    func fold(_ messagesByCampaign: [String: [MessageObservations]], now: Timestamp) async throws -> [Folded] {
        try await fold(messagesByCampaign, now: now, joining: []).folded
    }

    /// Folds `messages` as ``fold(_:now:)`` does, then, in the same round trip, records the joins
    /// of `jobs` and takes the statuses that waited for them (see ``join(_:)``). The states come
    /// first: a status that finds its job through a join then finds it accepted.
    func fold(
        _ messagesByCampaign: [String: [MessageObservations]], now: Timestamp,
        joining jobs: [(jobID: JobID, campaignID: String, wamid: String?)]
    ) async throws -> (folded: [Folded], pending: [JobID: [PendingStatus]]) {
        let campaigns = messagesByCampaign.filter { !$0.value.isEmpty }
        guard !campaigns.isEmpty else { return ([], try await join(jobs)) }
        var pipeline = RedisPipeline(
            reservingCommands: campaigns.count + campaigns.values.reduce(0) { $0 + $1.count } / Self.messagesPerScript + 1 + jobs.count * 4,
            bytesPerCommand: 4_096)
        var order: [(campaignID: String, messages: ArraySlice<MessageObservations>)] = []
        for (campaignID, messages) in campaigns {
            for start in stride(from: 0, to: messages.count, by: Self.messagesPerScript) {
                let chunk = messages[start..<min(start + Self.messagesPerScript, messages.count)]
                appendFold(chunk, campaignID: campaignID, to: &pipeline)
                order.append((campaignID, chunk))
            }
        }
        pipeline.append("SADD", arguments: [AggregatorKeys.openCampaigns] + campaigns.keys.map { $0 as any RedisArgument })
        let reads = appendJoin(jobs, to: &pipeline)
        let replies = try await redis.execute(pipeline)
        var folded: [Folded] = []
        for ((campaignID, messages), reply) in zip(order, replies) {
            let fields = try reply.throwingServerError().array ?? []
            guard fields.count == messages.count * FoldScript.replyWidth else {
                throw RedisError(.unexpectedReply, "the fold script answered \(fields.count) fields for \(messages.count) messages")
            }
            for (index, message) in messages.enumerated() {
                let reply = fields[(index * FoldScript.replyWidth)..<((index + 1) * FoldScript.replyWidth)].map { $0.string ?? "" }
                folded.append(Self.folded(reply, campaignID: campaignID, jobID: message.jobID, now: now))
            }
        }
        try replies[order.count].throwingServerError()
        return (folded, try Self.pending(reads, in: replies))
    }

    /// One call of ``FoldScript/script`` for `messages` of one campaign.
    private func appendFold(_ messages: ArraySlice<MessageObservations>, campaignID: String, to pipeline: inout RedisPipeline) {
        var keys: [any RedisArgument] = [CampaignKeys.counters(campaignID), AggregatorKeys.expiring(campaignID: campaignID)]
        var arguments: [any RedisArgument] = [
            configuration.expiry.milliseconds, configuration.stateLifetime.milliseconds, AggregatorKeys.settledField,
        ]
        keys.reserveCapacity(messages.count + 2)
        arguments.reserveCapacity(messages.count * 8 + 3)
        for message in messages {
            keys.append(AggregatorKeys.delivery(campaignID: campaignID, jobID: message.jobID))
            arguments.append(message.jobID.rawValue)
            arguments.append(message.wamid ?? "")
            arguments.append(message.recipient ?? "")
            arguments.append(message.pricingCategory ?? "")
            arguments.append(message.stages.count)
            for observation in message.stages {
                arguments.append(observation.stage.rawValue)
                arguments.append(observation.at.millisecondsSinceEpoch)
                arguments.append(observation.errorCode.map(String.init) ?? "")
            }
        }
        pipeline.append(FoldScript.script, keys: keys, arguments: arguments)
    }

    private static func folded(_ reply: [String], campaignID: String, jobID: JobID, now: Timestamp) -> Folded {
        func time(_ index: Int) -> Timestamp? { Int64(reply[index]).map(Timestamp.init(millisecondsSinceEpoch:)) }
        func text(_ index: Int) -> String? { reply[index].isEmpty ? nil : reply[index] }
        var events: [DeliveryEvent] = []
        let stages: [(Int, DeliveryStatus)] = [(1, .accepted), (2, .sent), (3, .delivered), (4, .read), (7, .expired)]
        for (index, status) in stages {
            if let at = time(index) { events.append(DeliveryEvent(status: status, at: at)) }
        }
        if let failedAt = time(5) {
            events.append(DeliveryEvent(status: .failed, at: failedAt, errorCode: Int(reply[6])))
        }
        let record = DeliveryRecord(
            jobID: jobID, campaignID: campaignID, recipient: text(9), wamid: text(8), state: DeliveryState(events),
            pricingCategory: text(10), updatedAt: now)
        return Folded(
            campaignID: campaignID, jobID: jobID, changed: reply[0] == "1", version: Int64(reply[11]) ?? 0,
            publishedVersion: Int64(reply[12]) ?? 0, record: record)
    }

    /// Records the versions of `messages` as published, and answers each one's current version
    /// (higher when another fold changed it meanwhile); one script call per campaign.
    func markPublished(_ messages: [Folded]) async throws -> [Int64] {
        var byCampaign: [String: [Int]] = [:]
        for (offset, message) in messages.enumerated() {
            byCampaign[message.campaignID, default: []].append(offset)
        }
        var pipeline = RedisPipeline(reservingCommands: byCampaign.count, bytesPerCommand: 4_096)
        var order: [[Int]] = []
        for (campaignID, offsets) in byCampaign {
            pipeline.append(
                FoldScript.markPublished,
                keys: offsets.map { AggregatorKeys.delivery(campaignID: campaignID, jobID: messages[$0].jobID) },
                arguments: offsets.map { messages[$0].version })
            order.append(offsets)
        }
        var versions = [Int64](repeating: 0, count: messages.count)
        for (offsets, reply) in zip(order, try await redis.execute(pipeline)) {
            let current = try reply.throwingServerError().array ?? []
            guard current.count == offsets.count else {
                throw RedisError(.unexpectedReply, "the publication script answered \(current.count) versions for \(offsets.count) messages")
            }
            for (offset, version) in zip(offsets, current) {
                versions[offset] = Int64(version.int ?? 0)
            }
        }
        return versions
    }

    // MARK: Expiry

    /// Campaigns with messages that may still expire.
    func openCampaigns() async throws -> [String] {
        try await redis.send("SMEMBERS", AggregatorKeys.openCampaigns).throwingServerError().array?.compactMap(\.string) ?? []
    }

    /// Up to `limit` messages of each campaign whose expiry is due at `now`, with their due time.
    func dueExpiries(campaignIDs: [String], now: Timestamp, limit: Int) async throws -> [String: [(jobID: JobID, due: Timestamp)]] {
        var pipeline = RedisPipeline(reservingCommands: campaignIDs.count, bytesPerCommand: 96)
        for id in campaignIDs {
            pipeline.append(
                "ZRANGEBYSCORE", AggregatorKeys.expiring(campaignID: id), "-inf", now.millisecondsSinceEpoch, "WITHSCORES",
                "LIMIT", 0, limit)
        }
        var due: [String: [(jobID: JobID, due: Timestamp)]] = [:]
        for (id, reply) in zip(campaignIDs, try await redis.execute(pipeline)) {
            let flat = try reply.throwingServerError().array ?? []
            for index in stride(from: 0, to: flat.count - 1, by: 2) {
                guard let job = flat[index].string, let score = flat[index + 1].string.flatMap(Double.init) else { continue }
                due[id, default: []].append((JobID(rawValue: job), Timestamp(millisecondsSinceEpoch: Int64(score))))
            }
        }
        return due
    }

    /// Forgets campaigns that have nothing left to expire and have ended (or are gone).
    func closeCampaigns(_ campaignIDs: [String]) async throws {
        var pipeline = RedisPipeline(reservingCommands: campaignIDs.count * 2, bytesPerCommand: 96)
        for id in campaignIDs {
            pipeline.append("ZCARD", AggregatorKeys.expiring(campaignID: id))
            pipeline.append("HGET", CampaignKeys.campaign(id), CampaignKeys.CampaignField.state)
        }
        let replies = try await redis.execute(pipeline)
        var closed: [any RedisArgument] = []
        for (offset, id) in campaignIDs.enumerated() {
            let open = try replies[offset * 2].throwingServerError().int ?? 0
            let state = try replies[offset * 2 + 1].throwingServerError().string.flatMap(CampaignStatus.init(rawValue:))
            if open == 0, state?.isFinal ?? true { closed.append(id) }
        }
        guard !closed.isEmpty else { return }
        try await redis.send("SREM", arguments: [AggregatorKeys.openCampaigns] + closed).throwingServerError()
    }

    // MARK: Joins

    /// The campaign of each message, `nil` for those whose send result has not come yet.
    func campaigns(of references: [MessageReference]) async throws -> [(jobID: JobID, campaignID: String)?] {
        guard !references.isEmpty else { return [] }
        var pipeline = RedisPipeline(reservingCommands: references.count, bytesPerCommand: 64)
        for reference in references {
            pipeline.append("GET", Self.joinKey(reference))
        }
        return try await redis.execute(pipeline).enumerated().map { index, reply in
            try Self.join(references[index], reply.throwingServerError().string)
        }
    }

    private static func joinKey(_ reference: MessageReference) -> String {
        switch reference {
        case .job(let jobID): AggregatorKeys.jobCampaign(jobID)
        case .wamid(let wamid): AggregatorKeys.wamidJob(wamid)
        }
    }

    private static func join(_ reference: MessageReference, _ value: String?) -> (jobID: JobID, campaignID: String)? {
        guard let value else { return nil }
        switch reference {
        case .job(let jobID):
            return (jobID, value)
        case .wamid:
            // `<job id's UTF-8 length>:<job id><campaign id>`: either may hold any character.
            let bytes = Array(value.utf8)
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
                let length = Int(String(decoding: bytes[..<colon], as: UTF8.self)), colon + 1 + length <= bytes.count
            else { return nil }
            let jobEnd = colon + 1 + length
            return (
                JobID(rawValue: String(decoding: bytes[(colon + 1)..<jobEnd], as: UTF8.self)),
                String(decoding: bytes[jobEnd...], as: UTF8.self)
            )
        }
    }

    /// Keeps statuses whose message is not joined yet, then looks the joins up again: a send
    /// result recorded meanwhile either sees these statuses or is seen here (both fold them,
    /// which a join allows).
    func park(_ statuses: [(MessageReference, PendingStatus)]) async throws -> [(jobID: JobID, campaignID: String)?] {
        guard !statuses.isEmpty else { return [] }
        let encoder = JSONEncoder()
        var pipeline = RedisPipeline(reservingCommands: statuses.count * 4, bytesPerCommand: 96)
        for (reference, status) in statuses {
            let key = AggregatorKeys.pending(reference)
            pipeline.append("RPUSH", key, Array(try encoder.encode(status)))
            pipeline.append("LTRIM", key, -configuration.maxPendingPerMessage, -1)
            pipeline.append("PEXPIRE", key, configuration.pendingLifetime.milliseconds)
            pipeline.append("GET", Self.joinKey(reference))
        }
        let replies = try await redis.execute(pipeline)
        return try statuses.enumerated().map { index, status in
            for reply in replies[(index * 4)..<(index * 4 + 3)] { try reply.throwingServerError() }
            return try Self.join(status.0, replies[index * 4 + 3].throwingServerError().string)
        }
    }

    /// Records which campaign each job belongs to (and its wamid), then takes the statuses that
    /// waited for them. Call ``forgetPending(_:)`` once they are folded.
    func join(
        _ jobs: [(jobID: JobID, campaignID: String, wamid: String?)]
    ) async throws -> [JobID: [PendingStatus]] {
        guard !jobs.isEmpty else { return [:] }
        var pipeline = RedisPipeline(reservingCommands: jobs.count * 4, bytesPerCommand: 96)
        let reads = appendJoin(jobs, to: &pipeline)
        return try Self.pending(reads, in: try await redis.execute(pipeline))
    }

    /// Where in a pipeline's replies each job's waiting statuses are.
    private typealias PendingReads = (commands: Range<Int>, reads: [(jobID: JobID, reply: Int)])

    private func appendJoin(
        _ jobs: [(jobID: JobID, campaignID: String, wamid: String?)], to pipeline: inout RedisPipeline
    ) -> PendingReads {
        let first = pipeline.count
        let lifetime = configuration.stateLifetime.milliseconds
        var reads: [(JobID, Int)] = []
        for job in jobs {
            pipeline.append("SET", AggregatorKeys.jobCampaign(job.jobID), job.campaignID, "PX", lifetime)
            if let wamid = job.wamid {
                let value = "\(job.jobID.rawValue.utf8.count):\(job.jobID.rawValue)\(job.campaignID)"
                pipeline.append("SET", AggregatorKeys.wamidJob(wamid), value, "PX", lifetime)
            }
        }
        for job in jobs {
            reads.append((job.jobID, pipeline.count))
            pipeline.append("LRANGE", AggregatorKeys.pending(.job(job.jobID)), 0, -1)
            if let wamid = job.wamid {
                reads.append((job.jobID, pipeline.count))
                pipeline.append("LRANGE", AggregatorKeys.pending(.wamid(wamid)), 0, -1)
            }
        }
        return (first..<pipeline.count, reads)
    }

    private static func pending(_ reads: PendingReads, in replies: [RESPValue]) throws -> [JobID: [PendingStatus]] {
        for reply in replies[reads.commands] { try reply.throwingServerError() }
        let decoder = JSONDecoder()
        var pending: [JobID: [PendingStatus]] = [:]
        for (jobID, index) in reads.reads {
            for item in replies[index].array ?? [] {
                guard let bytes = item.bytes, let status = try? decoder.decode(PendingStatus.self, from: Data(bytes)) else {
                    continue
                }
                pending[jobID, default: []].append(status)
            }
        }
        return pending
    }

    /// Drops the statuses ``join(_:)`` handed over, once folded.
    func forgetPending(_ references: [MessageReference]) async throws {
        guard !references.isEmpty else { return }
        // One DEL per key: the keys live in different cluster slots.
        var pipeline = RedisPipeline(reservingCommands: references.count, bytesPerCommand: 64)
        for reference in references {
            pipeline.append("DEL", AggregatorKeys.pending(reference))
        }
        for reply in try await redis.execute(pipeline) { try reply.throwingServerError() }
    }
}

extension Duration {
    /// Whole milliseconds, as Redis takes them.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}

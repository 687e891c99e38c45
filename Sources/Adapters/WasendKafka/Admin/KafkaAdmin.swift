import CRdKafka
import Dispatch
import Logging

/// Administrative requests: creating topics and measuring how far a group is behind.
///
/// Every request blocks in librdkafka, so each runs on the admin's own queue.
public final class KafkaAdmin: Sendable {
    let handle: RdKafkaHandle
    let configuration: KafkaAdminConfiguration
    let logger: Logger
    let blockingCalls = DispatchQueue(label: "wasend.kafka.admin")

    public init(configuration: KafkaAdminConfiguration, logger: Logger) throws(KafkaError) {
        self.handle = try RdKafkaHandle(
            kind: RD_KAFKA_PRODUCER, properties: configuration.librdkafkaProperties, callbacks: RdKafkaCallbacks(logger: logger))
        self.configuration = configuration
        self.logger = logger
    }

    private var timeout: Int32 { Int32(clamping: configuration.requestTimeoutMilliseconds) }

    /// Creates a topic; a topic that already exists is left as it is (whatever its partitions).
    /// `replicationFactor` -1 takes the brokers' default. The embedded Kafka does not implement
    /// this request (it times out): create its topics with `KafkaMockCluster.createTopic`.
    public func createTopic(
        _ name: String, partitions: Int, replicationFactor: Int = -1, config: [String: String] = [:]
    ) async throws(KafkaError) {
        let handle = self.handle
        let timeout = self.timeout
        try await blockingCalls.runBlocking { () throws(KafkaError) in
            var errorText = RdKafkaErrorText()
            guard
                let newTopic = rd_kafka_NewTopic_new(
                    name, Int32(clamping: partitions), Int32(clamping: replicationFactor), &errorText.buffer, errorText.buffer.count)
            else {
                throw KafkaError(code: .invalidArgument, message: errorText.string, context: "describe topic \(name)")
            }
            defer { rd_kafka_NewTopic_destroy(newTopic) }
            for (key, value) in config {
                try KafkaError.check(rd_kafka_NewTopic_set_config(newTopic, key, value), "set \(key) on topic \(name)")
            }
            let queue = rd_kafka_queue_new(handle.pointer)
            defer { rd_kafka_queue_destroy(queue) }
            var topics: [OpaquePointer?] = [newTopic]
            rd_kafka_CreateTopics(handle.pointer, &topics, 1, nil, queue)
            guard let event = rd_kafka_queue_poll(queue, timeout + 1_000) else {
                throw KafkaError(code: .timedOut, context: "create topic \(name)")
            }
            defer { rd_kafka_event_destroy(event) }
            try KafkaError.check(rd_kafka_event_error(event), "create topic \(name)")
            var count = 0
            guard let result = rd_kafka_event_CreateTopics_result(event),
                let results = rd_kafka_CreateTopics_result_topics(result, &count), count == 1
            else {
                throw KafkaError(code: .invalidArgument, message: "no result for the topic", context: "create topic \(name)")
            }
            let code = rd_kafka_topic_result_error(results[0])
            if code != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS && code != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw KafkaError(
                    code: KafkaError.Code(code), message: rd_kafka_topic_result_error_string(results[0]).map { String(cString: $0) },
                    context: "create topic \(name)")
            }
        }
    }

    /// The number of partitions of a topic.
    public func partitionCount(of topic: String) async throws(KafkaError) -> Int {
        let handle = self.handle
        let timeout = self.timeout
        return try await blockingCalls.runBlocking { () throws(KafkaError) in
            let topicHandle = try handle.topic(named: topic)
            defer { rd_kafka_topic_destroy(topicHandle) }
            var metadata: UnsafePointer<rd_kafka_metadata>?
            try KafkaError.check(rd_kafka_metadata(handle.pointer, 0, topicHandle, &metadata, timeout), "read the metadata of \(topic)")
            defer { rd_kafka_metadata_destroy(metadata) }
            guard let metadata, metadata.pointee.topic_cnt == 1 else {
                throw KafkaError(code: .unknownTopicOrPartition, context: "read the metadata of \(topic)")
            }
            let topicMetadata = metadata.pointee.topics[0]
            try KafkaError.check(topicMetadata.err, "read the metadata of \(topic)")
            return Int(topicMetadata.partition_cnt)
        }
    }

    /// The oldest and next offsets of a partition, asked of its leader.
    public func watermarks(of partition: KafkaTopicPartition) async throws(KafkaError) -> KafkaWatermarks {
        let handle = self.handle
        let timeout = self.timeout
        return try await blockingCalls.runBlocking { () throws(KafkaError) in
            try Self.queryWatermarks(handle, partition, timeout: timeout)
        }
    }

    /// How far `group` is behind on `topics`: per partition, the high watermark minus the
    /// group's committed offset (or minus the low watermark where the group committed nothing).
    public func lag(ofGroup group: String, topics: [String]) async throws(KafkaError) -> KafkaGroupLag {
        var partitions: [KafkaTopicPartition] = []
        for topic in topics {
            let count = try await partitionCount(of: topic)
            partitions += (0..<Int32(count)).map { KafkaTopicPartition(topic: topic, partition: $0) }
        }
        let handle = self.handle
        let timeout = self.timeout
        let bootstrapServers = configuration.bootstrapServers
        let properties = configuration.properties
        let logger = self.logger
        return try await blockingCalls.runBlocking { [partitions] () throws(KafkaError) in
            // Committed offsets are read through a consumer handle of the group; it does not
            // subscribe, so it never joins the group nor disturbs its members.
            var consumerProperties = properties
            consumerProperties["bootstrap.servers"] = bootstrapServers
            consumerProperties["group.id"] = group
            let consumer = try RdKafkaHandle(
                kind: RD_KAFKA_CONSUMER, properties: consumerProperties, callbacks: RdKafkaCallbacks(logger: logger))
            let list = RdKafkaTopicPartitionList.make(partitions)
            defer { rd_kafka_topic_partition_list_destroy(list) }
            try KafkaError.check(rd_kafka_committed(consumer.pointer, list, timeout), "read the offsets committed by \(group)")
            defer { _ = rd_kafka_consumer_close(consumer.pointer) }
            var lags: [KafkaPartitionLag] = []
            for element in RdKafkaTopicPartitionList.elements(of: list) {
                try KafkaError.check(element.error, "read the offset committed by \(group) on \(element.partition)")
                let watermarks = try Self.queryWatermarks(handle, element.partition, timeout: timeout)
                let committed: Int64? = element.offset >= 0 ? element.offset : nil
                lags.append(KafkaPartitionLag(partition: element.partition, committedOffset: committed, watermarks: watermarks))
            }
            return KafkaGroupLag(group: group, partitions: lags)
        }
    }

    private static func queryWatermarks(
        _ handle: RdKafkaHandle, _ partition: KafkaTopicPartition, timeout: Int32
    ) throws(KafkaError) -> KafkaWatermarks {
        var low: Int64 = -1
        var high: Int64 = -1
        try KafkaError.check(
            rd_kafka_query_watermark_offsets(handle.pointer, partition.topic, partition.partition, &low, &high, timeout),
            "read the watermarks of \(partition)")
        return KafkaWatermarks(low: low, high: high)
    }
}

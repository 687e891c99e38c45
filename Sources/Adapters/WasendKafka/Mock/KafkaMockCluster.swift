import CRdKafka
import Logging

/// An in-process Kafka cluster (librdkafka's mock brokers on loopback): Wasend's embedded
/// Kafka for `dev`, tests and benchmarks. Other processes can reach it at `bootstrapServers`.
///
/// It speaks the real protocol (produce, fetch, groups, commits, idempotence, transactions)
/// and injects faults. Its one trap: each partition keeps only about 5 MB and deletes older
/// messages, so give topics enough partitions for what may sit unconsumed in them.
public final class KafkaMockCluster: Sendable {
    /// The handle the cluster is attached to; librdkafka requires one.
    private let handle: RdKafkaHandle
    private let cluster: Cluster
    /// `host:port,…` of the brokers.
    public let bootstrapServers: String
    public let brokerCount: Int

    private struct Cluster: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// Starts `brokers` brokers, numbered 1 to `brokers`.
    public init(brokers: Int = 1, logger: Logger = Logger(label: "wasend.kafka.mock")) throws(KafkaError) {
        // The handle itself never connects anywhere: keep its notices ("no bootstrap.servers") quiet.
        // The brokers' connections take its `socket.nagle.disable`. With Nagle on, a broker
        // answering several requests of one connection held every answer after the first until
        // the client's delayed ACK, about 40 ms later: each acknowledged produce over 2 or more
        // partitions took about 50 ms instead of 8. Kafka's own brokers set TCP_NODELAY too.
        let handle = try RdKafkaHandle(
            kind: RD_KAFKA_PRODUCER, properties: ["log_level": "4", "socket.nagle.disable": "true"],
            callbacks: RdKafkaCallbacks(logger: logger))
        guard let cluster = rd_kafka_mock_cluster_new(handle.pointer, Int32(clamping: brokers)) else {
            throw KafkaError(code: .invalidArgument, message: "rd_kafka_mock_cluster_new failed", context: "start \(brokers) mock brokers")
        }
        self.handle = handle
        self.cluster = Cluster(pointer: cluster)
        self.bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
        self.brokerCount = brokers
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster.pointer)
    }

    /// Creates a topic (the mock brokers do not implement the CreateTopics admin request).
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int = 1) throws(KafkaError) {
        try KafkaError.check(
            rd_kafka_mock_topic_create(cluster.pointer, name, Int32(clamping: partitions), Int32(clamping: replicationFactor)),
            "create mock topic \(name)")
    }

    /// Disconnects a broker and refuses new connections; its partitions keep it as leader,
    /// so they are unavailable until `setBrokerUp`.
    public func setBrokerDown(_ brokerID: Int32) throws(KafkaError) {
        try KafkaError.check(rd_kafka_mock_broker_set_down(cluster.pointer, brokerID), "take mock broker \(brokerID) down")
    }

    public func setBrokerUp(_ brokerID: Int32) throws(KafkaError) {
        try KafkaError.check(rd_kafka_mock_broker_set_up(cluster.pointer, brokerID), "bring mock broker \(brokerID) up")
    }

    /// Makes `brokerID` the leader of a partition, as an election would: clients find it through
    /// their next metadata request. Fault tests use it to take down the broker a partition needs.
    public func setPartitionLeader(topic: String, partition: Int32, to brokerID: Int32) throws(KafkaError) {
        try KafkaError.check(
            rd_kafka_mock_partition_set_leader(cluster.pointer, topic, partition, brokerID),
            "make mock broker \(brokerID) the leader of \(topic) [\(partition)]")
    }

    /// Makes `brokerID` the coordinator of consumer group `group`, as when a real cluster moves
    /// it: members must find the new coordinator and join again.
    public func setGroupCoordinator(_ group: String, to brokerID: Int32) throws(KafkaError) {
        try KafkaError.check(
            rd_kafka_mock_coordinator_set(cluster.pointer, "group", group, brokerID),
            "move the coordinator of group \(group) to mock broker \(brokerID)")
    }

    /// Delays every response of a broker (`nil`: all brokers).
    public func setRoundTripTime(milliseconds: Int, broker brokerID: Int32? = nil) throws(KafkaError) {
        try KafkaError.check(
            rd_kafka_mock_broker_set_rtt(cluster.pointer, brokerID ?? -1, Int32(clamping: milliseconds)),
            "set the mock round-trip time")
    }

    /// Makes the next `errors.count` requests of kind `request` fail, in order, with these codes
    /// (`.transport` disconnects the client instead).
    public func pushRequestErrors(_ errors: [KafkaError.Code], for request: KafkaAPIKey) {
        let codes = errors.map(\.raw)
        rd_kafka_mock_push_request_errors_array(cluster.pointer, request.rawValue, codes.count, codes)
    }

    public func clearRequestErrors(for request: KafkaAPIKey) {
        rd_kafka_mock_clear_request_errors(cluster.pointer, request.rawValue)
    }
}

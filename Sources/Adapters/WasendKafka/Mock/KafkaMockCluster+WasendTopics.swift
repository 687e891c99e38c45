extension KafkaMockCluster {
    /// Creates every Wasend topic, so that `kafka-dev`, `dev`, tests and benchmarks start from
    /// the same embedded Kafka. Each partition keeps only about 5 MB: be generous with `partitions`.
    public func createTopics(_ topics: WasendTopics, partitions: Int, replicationFactor: Int = 1) throws(KafkaError) {
        for topic in topics.all {
            try createTopic(topic, partitions: partitions, replicationFactor: replicationFactor)
        }
    }
}

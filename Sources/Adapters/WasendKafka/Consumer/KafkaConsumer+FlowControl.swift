import CRdKafka

extension KafkaConsumer {
    /// Stops fetching from `partitions` without leaving the group, so one partition whose head
    /// must wait (a paused campaign, a retry not yet due) does not hold up the others.
    ///
    /// Messages fetched before the call may still arrive in the next batches; the caller keeps
    /// them (bounded by what it already holds) or does not store their offsets, so they are
    /// delivered again after a rebalance. A partition revoked and assigned again to this consumer
    /// stays paused (librdkafka keeps the pause).
    public func pause(_ partitions: some Sequence<KafkaTopicPartition>) throws(KafkaError) {
        try changeFetching(partitions, paused: true)
    }

    /// Starts fetching again from partitions stopped by ``pause(_:)``.
    public func resume(_ partitions: some Sequence<KafkaTopicPartition>) throws(KafkaError) {
        try changeFetching(partitions, paused: false)
    }

    private func changeFetching(_ partitions: some Sequence<KafkaTopicPartition>, paused: Bool) throws(KafkaError) {
        let partitions = Array(partitions)
        guard !partitions.isEmpty else { return }
        let list = RdKafkaTopicPartitionList.make(partitions)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let verb = paused ? "pause" : "resume"
        let code = paused ? rd_kafka_pause_partitions(handle.pointer, list) : rd_kafka_resume_partitions(handle.pointer, list)
        try KafkaError.check(code, "\(verb) fetching")
        for element in RdKafkaTopicPartitionList.elements(of: list)
        where element.error != RD_KAFKA_RESP_ERR_NO_ERROR && element.error != RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION {
            throw KafkaError(element.error, context: "\(verb) fetching \(element.partition)")
        }
    }
}

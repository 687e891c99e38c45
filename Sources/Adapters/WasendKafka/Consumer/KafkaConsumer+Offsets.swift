import CRdKafka

extension KafkaConsumer {
    /// Marks messages as processed: their offsets are committed by the next commit (automatic,
    /// on rebalance, on shutdown, or `commit()`). Never store a message before its effects are
    /// durable. Partitions the consumer no longer owns are skipped: their new owner will see
    /// those messages again (at-least-once).
    public func store(_ messages: some Sequence<KafkaConsumerMessage>) throws(KafkaError) {
        let offsets = RdKafkaTopicPartitionList.nextOffsets(after: messages)
        guard !offsets.isEmpty else { return }
        let list = RdKafkaTopicPartitionList.make(offsets)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let code = rd_kafka_offsets_store(handle.pointer, list)
        guard code != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        for element in RdKafkaTopicPartitionList.elements(of: list)
        where element.error != RD_KAFKA_RESP_ERR_NO_ERROR && element.error != RD_KAFKA_RESP_ERR__STATE {
            throw KafkaError(element.error, context: "store the offset of \(element.partition)")
        }
    }

    /// Commits the stored offsets now and waits for the group coordinator to confirm.
    public func commit() async throws(KafkaError) {
        let handle = self.handle
        try await blockingCalls.runBlocking { () throws(KafkaError) in
            let code = rd_kafka_commit(handle.pointer, nil, 0)
            if code != RD_KAFKA_RESP_ERR__NO_OFFSET {
                try KafkaError.check(code, "commit stored offsets")
            }
        }
    }

    /// Stores the offsets of processed messages and commits them at once.
    public func commit(_ messages: some Sequence<KafkaConsumerMessage>) async throws(KafkaError) {
        try store(messages)
        try await commit()
    }
}

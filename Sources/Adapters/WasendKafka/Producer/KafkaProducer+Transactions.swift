import CRdKafka

/// Transactions: a consume-transform-produce step whose outputs and input offsets are
/// committed atomically (exactly-once within Kafka). Needs `transactionalID` in the
/// configuration. On an error with `transactionRequiresAbort`, abort and redo the step;
/// on a fatal one, recreate the producer.
extension KafkaProducer {
    /// Registers the transactional id with the cluster and fences older producers using it.
    /// Call once, before the first transaction.
    public func initTransactions(timeoutMilliseconds: Int = 30_000) async throws(KafkaError) {
        let handle = self.handle
        try await blockingCalls.runBlocking { () throws(KafkaError) in
            try KafkaError.check(
                rd_kafka_init_transactions(handle.pointer, Int32(clamping: timeoutMilliseconds)), "initialise transactions")
        }
    }

    public func beginTransaction() throws(KafkaError) {
        try KafkaError.check(rd_kafka_begin_transaction(handle.pointer), "begin a transaction")
    }

    /// Adds the consumed messages' offsets to the transaction, so that they are committed for
    /// `consumer`'s group if and only if the transaction commits.
    public func sendOffsetsToTransaction(
        for messages: some Sequence<KafkaConsumerMessage>, consumer: KafkaConsumer, timeoutMilliseconds: Int = 30_000
    ) async throws(KafkaError) {
        let offsets = RdKafkaTopicPartitionList.nextOffsets(after: messages)
        guard !offsets.isEmpty else { return }
        let handle = self.handle
        let consumerHandle = consumer.handle
        try await blockingCalls.runBlocking { () throws(KafkaError) in
            let list = RdKafkaTopicPartitionList.make(offsets)
            defer { rd_kafka_topic_partition_list_destroy(list) }
            let metadata = rd_kafka_consumer_group_metadata(consumerHandle.pointer)
            defer { rd_kafka_consumer_group_metadata_destroy(metadata) }
            try KafkaError.check(
                rd_kafka_send_offsets_to_transaction(handle.pointer, list, metadata, Int32(clamping: timeoutMilliseconds)),
                "send offsets to the transaction")
        }
    }

    /// Flushes the transaction's messages and commits it.
    public func commitTransaction(timeoutMilliseconds: Int = 60_000) async throws(KafkaError) {
        let handle = self.handle
        try await blockingCalls.runBlocking { () throws(KafkaError) in
            try KafkaError.check(
                rd_kafka_commit_transaction(handle.pointer, Int32(clamping: timeoutMilliseconds)), "commit the transaction")
        }
    }

    /// Discards the transaction's messages (consumers reading committed data never see them).
    public func abortTransaction(timeoutMilliseconds: Int = 60_000) async throws(KafkaError) {
        let handle = self.handle
        try await blockingCalls.runBlocking { () throws(KafkaError) in
            try KafkaError.check(
                rd_kafka_abort_transaction(handle.pointer, Int32(clamping: timeoutMilliseconds)), "abort the transaction")
        }
    }
}

import CRdKafka

/// Builds and reads librdkafka's `rd_kafka_topic_partition_list_t`.
enum RdKafkaTopicPartitionList {
    typealias Pointer = UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    /// The offsets to store or commit for processed messages: for each partition, the offset
    /// after the highest processed one (Kafka commits the next offset to read).
    static func nextOffsets(after messages: some Sequence<KafkaConsumerMessage>) -> [KafkaTopicPartition: Int64] {
        var offsets: [KafkaTopicPartition: Int64] = [:]
        for message in messages {
            let partition = KafkaTopicPartition(topic: message.topic, partition: message.partition)
            offsets[partition] = max(offsets[partition] ?? 0, message.offset + 1)
        }
        return offsets
    }

    /// A new list (the caller destroys it with `rd_kafka_topic_partition_list_destroy`).
    static func make(_ offsets: [KafkaTopicPartition: Int64]) -> Pointer {
        let list = rd_kafka_topic_partition_list_new(Int32(clamping: offsets.count))!
        for (partition, offset) in offsets {
            rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition).pointee.offset = offset
        }
        return list
    }

    /// A new list of partitions without offsets.
    static func make(_ partitions: some Sequence<KafkaTopicPartition>) -> Pointer {
        let list = rd_kafka_topic_partition_list_new(0)!
        for partition in partitions {
            rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition)
        }
        return list
    }

    /// The elements of a list, with their offsets and per-partition errors.
    static func elements(of list: Pointer) -> [(partition: KafkaTopicPartition, offset: Int64, error: rd_kafka_resp_err_t)] {
        let count = Int(list.pointee.cnt)
        return (0..<count).map { index in
            let element = list.pointee.elems[index]
            return (
                KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition),
                element.offset, element.err
            )
        }
    }
}

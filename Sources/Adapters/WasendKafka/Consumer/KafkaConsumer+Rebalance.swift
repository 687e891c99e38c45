import CRdKafka
import Logging

extension KafkaConsumer {
    /// librdkafka's rebalance callback, on the polling thread: applies the assignment the
    /// group decided, incrementally for the cooperative protocol, wholesale for the eager one.
    static func rebalance(
        _ handle: OpaquePointer, event: rd_kafka_resp_err_t, partitions: RdKafkaTopicPartitionList.Pointer,
        logger: Logger
    ) {
        let cooperative = rd_kafka_rebalance_protocol(handle).map { String(cString: $0) } == "COOPERATIVE"
        let count = partitions.pointee.cnt
        switch event {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            logger.info("Kafka partitions assigned", metadata: ["kafka.partitions": "\(count)"])
            if cooperative {
                report(rd_kafka_incremental_assign(handle, partitions), "assign partitions", logger)
            } else {
                report(rd_kafka_assign(handle, partitions), "assign partitions", logger)
            }
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            logger.info("Kafka partitions revoked", metadata: ["kafka.partitions": "\(count)"])
            // Commit what was processed before the partitions go, whatever the auto-commit
            // setting: a member that takes them over starts from here, and auto-commit alone
            // was seen to leave the last stored offsets uncommitted on close (redelivery).
            let code = rd_kafka_commit(handle, nil, 0)
            if code != RD_KAFKA_RESP_ERR__NO_OFFSET {
                report(code, "commit stored offsets before revocation", logger)
            }
            if cooperative {
                report(rd_kafka_incremental_unassign(handle, partitions), "unassign partitions", logger)
            } else {
                report(rd_kafka_assign(handle, nil), "unassign partitions", logger)
            }
        default:
            logger.error("\(KafkaError(event, context: "rebalance"))")
            report(rd_kafka_assign(handle, nil), "unassign partitions", logger)
        }
    }

    private static func report(_ error: OpaquePointer?, _ context: String, _ logger: Logger) {
        if let error {
            logger.error("\(KafkaError(consuming: error, context: context))")
        }
    }

    private static func report(_ code: rd_kafka_resp_err_t, _ context: String, _ logger: Logger) {
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.error("\(KafkaError(code, context: context))")
        }
    }
}

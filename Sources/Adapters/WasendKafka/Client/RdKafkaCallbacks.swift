import CRdKafka
import Logging

/// What one librdkafka handle calls back into: its logger and, depending on its role,
/// a delivery report handler (producers) or a rebalance handler (consumers).
///
/// It is the handle's `opaque`; the callbacks run on the thread that polls the handle
/// (delivery reports, rebalances) or on librdkafka's own threads (logs, errors).
final class RdKafkaCallbacks: Sendable {
    typealias DeliveryHandler = @Sendable (UnsafePointer<rd_kafka_message_t>) -> Void
    typealias RebalanceHandler = @Sendable (
        _ handle: OpaquePointer, _ event: rd_kafka_resp_err_t, _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
    ) -> Void

    let logger: Logger
    let onDelivery: DeliveryHandler?
    let onRebalance: RebalanceHandler?

    init(logger: Logger, onDelivery: DeliveryHandler? = nil, onRebalance: RebalanceHandler? = nil) {
        self.logger = logger
        self.onDelivery = onDelivery
        self.onRebalance = onRebalance
    }

    /// Installs the C trampolines on `conf` and makes `self` its opaque (retained by the caller).
    func install(on conf: OpaquePointer, opaque: UnsafeMutableRawPointer) {
        rd_kafka_conf_set_opaque(conf, opaque)
        rd_kafka_conf_set_log_cb(conf) { handle, level, facility, text in
            guard let callbacks = RdKafkaCallbacks.from(handle) else { return }
            let message = text.map { String(cString: $0) } ?? ""
            let facility = facility.map { String(cString: $0) } ?? ""
            callbacks.logger.log(
                level: Logger.Level(syslogLevel: level), "\(message)",
                metadata: ["kafka.facility": "\(facility)"])
        }
        rd_kafka_conf_set_error_cb(conf) { handle, code, reason, _ in
            guard let callbacks = RdKafkaCallbacks.from(handle) else { return }
            let error = KafkaError(
                code: KafkaError.Code(rd_kafka_resp_err_t(rawValue: code)),
                message: reason.map { String(cString: $0) }, context: "keep the client connected")
            // Most of these are transient (a broker disconnecting) and librdkafka recovers by itself.
            callbacks.logger.warning("\(error)")
        }
        if onDelivery != nil {
            rd_kafka_conf_set_dr_msg_cb(conf) { handle, message, _ in
                guard let message, let callbacks = RdKafkaCallbacks.from(handle) else { return }
                callbacks.onDelivery?(message)
            }
        }
        if onRebalance != nil {
            rd_kafka_conf_set_rebalance_cb(conf) { handle, event, partitions, _ in
                guard let handle, let partitions, let callbacks = RdKafkaCallbacks.from(handle) else { return }
                callbacks.onRebalance?(handle, event, partitions)
            }
        }
    }

    private static func from(_ handle: OpaquePointer?) -> RdKafkaCallbacks? {
        guard let handle, let opaque = rd_kafka_opaque(handle) else { return nil }
        return Unmanaged<RdKafkaCallbacks>.fromOpaque(opaque).takeUnretainedValue()
    }
}

extension Logger.Level {
    /// Maps librdkafka's syslog levels (0 emergency … 7 debug).
    init(syslogLevel: Int32) {
        switch syslogLevel {
        case ...2: self = .critical
        case 3: self = .error
        case 4: self = .warning
        case 5: self = .notice
        case 6: self = .info
        default: self = .debug
        }
    }
}

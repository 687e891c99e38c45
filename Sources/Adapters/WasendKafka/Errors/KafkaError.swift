import CRdKafka

/// An error from librdkafka, or from this adapter's use of it.
///
/// It carries librdkafka's own code so callers can decide what to do (retry, abort a
/// transaction, give up) without parsing text, and librdkafka's text so logs say why.
public struct KafkaError: Error, Sendable, Hashable {
    /// librdkafka's error code (`rd_kafka_resp_err_t`): negative values are the client's own
    /// errors, positive ones are the Kafka protocol's.
    public var code: Code
    /// librdkafka's description of the error, or the detail it gave for this occurrence.
    public var message: String
    /// What the adapter was doing, e.g. "produce to wasend.jobs" or "set bootstrap.servers".
    public var context: String
    /// Whether the same operation may succeed if tried again.
    public var isRetriable: Bool
    /// Whether the client handle is unusable from now on and must be recreated.
    public var isFatal: Bool
    /// Whether the current transaction must be aborted before the producer can go on.
    public var transactionRequiresAbort: Bool

    public init(
        code: Code, message: String? = nil, context: String,
        isRetriable: Bool = false, isFatal: Bool = false, transactionRequiresAbort: Bool = false
    ) {
        self.code = code
        self.message = message ?? code.text
        self.context = context
        self.isRetriable = isRetriable
        self.isFatal = isFatal
        self.transactionRequiresAbort = transactionRequiresAbort
    }

    /// Wraps a raw code returned by a librdkafka call.
    init(_ rawCode: rd_kafka_resp_err_t, context: String) {
        self.init(code: Code(rawCode), context: context)
    }

    /// Takes over (and destroys) an `rd_kafka_error_t`, keeping its flags.
    init(consuming error: OpaquePointer, context: String) {
        defer { rd_kafka_error_destroy(error) }
        self.init(
            code: Code(rd_kafka_error_code(error)),
            message: rd_kafka_error_string(error).map { String(cString: $0) },
            context: context,
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            isFatal: rd_kafka_error_is_fatal(error) != 0,
            transactionRequiresAbort: rd_kafka_error_txn_requires_abort(error) != 0)
    }

    /// Throws when a librdkafka call returned anything but `NO_ERROR`.
    static func check(_ rawCode: rd_kafka_resp_err_t, _ context: @autoclosure () -> String) throws(KafkaError) {
        if rawCode != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(rawCode, context: context())
        }
    }

    /// Throws when a librdkafka call returned an `rd_kafka_error_t` (and destroys it).
    static func check(_ error: OpaquePointer?, _ context: @autoclosure () -> String) throws(KafkaError) {
        if let error {
            throw KafkaError(consuming: error, context: context())
        }
    }
}

extension KafkaError: CustomStringConvertible {
    public var description: String {
        "Kafka error \(code.name) (\(code.rawValue)) while trying to \(context): \(message)"
    }
}

extension KafkaError {
    /// A librdkafka error code with its symbolic name and text.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public var rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        init(_ code: rd_kafka_resp_err_t) {
            self.rawValue = code.rawValue
        }

        var raw: rd_kafka_resp_err_t { rd_kafka_resp_err_t(rawValue: rawValue) }

        /// librdkafka's symbolic name without the `RD_KAFKA_RESP_ERR_` prefix, e.g. `_QUEUE_FULL`.
        public var name: String { String(cString: rd_kafka_err2name(raw)) }

        /// librdkafka's human-readable description (`rd_kafka_err2str`).
        public var text: String { String(cString: rd_kafka_err2str(raw)) }

        public var description: String { name }

        public static let noError = Code(RD_KAFKA_RESP_ERR_NO_ERROR)
        public static let queueFull = Code(RD_KAFKA_RESP_ERR__QUEUE_FULL)
        public static let messageTimedOut = Code(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)
        public static let timedOut = Code(RD_KAFKA_RESP_ERR__TIMED_OUT)
        public static let transport = Code(RD_KAFKA_RESP_ERR__TRANSPORT)
        public static let invalidArgument = Code(RD_KAFKA_RESP_ERR__INVALID_ARG)
        public static let state = Code(RD_KAFKA_RESP_ERR__STATE)
        public static let fatal = Code(RD_KAFKA_RESP_ERR__FATAL)
        public static let destroyed = Code(RD_KAFKA_RESP_ERR__DESTROY)
        public static let unknownTopicOrPartition = Code(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
        public static let messageSizeTooLarge = Code(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
        public static let topicAlreadyExists = Code(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        public static let notLeaderForPartition = Code(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION)
        public static let topicAuthorizationFailed = Code(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)
        public static let invalidRecord = Code(RD_KAFKA_RESP_ERR_INVALID_RECORD)
    }
}

import WasendCore
import WasendKafka

extension KafkaProducerConfiguration {
    /// The producer of `wasend.webhooks`: Meta waits on every POST for its acknowledgement, so batches
    /// wait at most 2 ms to fill (measured at 2,000 webhooks/s: no linger sends a request per webhook
    /// and costs 280 µs of CPU each and a p99 of 75 ms once the CPU saturates; 2 ms costs 155 µs and
    /// a p99 of 4 ms), it gives up after the receiver's publish timeout (Meta retries a 503), and
    /// takes records as large as the largest body once escaped into the record's JSON string (at
    /// most six bytes per byte, for control characters). On real Kafka the topic's
    /// `max.message.bytes` must allow them too.
    public static func webhooks(bootstrapServers: String, receiver: WebhookReceiverConfiguration) -> Self {
        var configuration = KafkaProducerConfiguration(bootstrapServers: bootstrapServers)
        configuration.clientID = "wasend-webhooks"
        configuration.lingerMilliseconds = 2
        configuration.deliveryTimeoutMilliseconds = Int(clamping: receiver.publishTimeout.wholeMilliseconds)
        configuration.properties["message.max.bytes"] = String(min(1_000_000_000, receiver.maxBodyBytes * 6 + 64 * 1024))
        return configuration
    }
}

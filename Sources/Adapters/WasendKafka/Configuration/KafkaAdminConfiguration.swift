/// How a `KafkaAdmin` reaches the cluster.
public struct KafkaAdminConfiguration: Sendable {
    public var bootstrapServers: String
    public var clientID: String = "wasend-admin"
    /// How long one administrative request may take.
    public var requestTimeoutMilliseconds: Int = 30_000
    /// Raw librdkafka properties; they win over the typed fields above.
    public var properties: [String: String] = [:]

    public init(bootstrapServers: String) {
        self.bootstrapServers = bootstrapServers
    }

    var librdkafkaProperties: [String: String] {
        var result = ["bootstrap.servers": bootstrapServers, "client.id": clientID]
        result.merge(properties) { _, raw in raw }
        return result
    }
}

import WasendCore
import Foundation
import HummingbirdTesting
import Logging
import NIOCore
import NIOPosix
import Testing
import WasendKafka
import WasendTestSupport

@testable import WasendAPI

/// One million recipients through one NDJSON upload, counted back out of Kafka by a consumer that
/// reads while the upload runs (the embedded Kafka keeps only about 5 MB per partition).
@Suite(.serialized) struct LargeUploadTests {
    static let recipients = 1_000_000

    @Test func millionRecipientNDJSONUploadLandsInKafka() async throws {
        try await APITestEnvironment.run { environment, client in
            let id = try await client.createCampaign()
            let topic = environment.api.configuration.recipientsTopic
            let consumer = try KafkaConsumer(
                configuration: .testReader(bootstrapServers: environment.kafka.bootstrapServers),
                topics: [topic], logger: Logger(label: "wasend.api.tests.large"))
            // A first record, read back before the upload starts, proves the consumer is assigned and reading.
            let probe = Array(#"{"type":"probe"}"#.utf8)
            _ = try await environment.producer.send(KafkaProducerRecord(topic: topic, key: id, value: probe))
            var probeSeen = false
            while !probeSeen, let messages = try await consumer.nextBatch() {
                probeSeen = messages.contains { $0.value == probe }
            }
            try #require(probeSeen)

            let counting = Task { () throws -> (recipients: Int, batches: Int, commit: RecipientStreamRecord.UploadCommit?) in
                var recipients = 0
                var batches = 0
                var commit: RecipientStreamRecord.UploadCommit?
                // Batches are spread over the partitions: the commit may be read before the last of them.
                while let messages = try await consumer.nextBatch() {
                    for message in messages {
                        switch try? JSONDecoder().decode(RecipientStreamRecord.self, from: Data(message.value)) {
                        case .batch(let batch):
                            recipients += batch.recipients.count
                            batches += 1
                        case .commit(let marker):
                            commit = marker
                        case .abort, nil:
                            continue
                        }
                    }
                    if let commit, batches >= commit.batches { break }
                }
                return (recipients, batches, commit)
            }

            var body = ByteBuffer()
            body.reserveCapacity(Self.recipients * 64)
            for index in 0..<Self.recipients {
                body.writeString("{\"phone\":\"+1415\(String(index + 1_000_000))\",\"opt_in\":true,\"variables\":{\"n\":\"\(index)\"}}\n")
            }
            let port = try #require(client.port)
            let upload = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(900)), eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton))
            upload.connect()
            let started = ContinuousClock.now
            let response = try await upload.post(
                "/v1/campaigns/\(id)/recipients",
                headers: [.authorization: "Bearer \(APITestEnvironment.acmeKey)", .contentType: "application/x-ndjson"],
                body: body)
            let elapsed = ContinuousClock.now - started
            try await upload.shutdown()
            #expect(response.status == .accepted)

            let counted = try await counting.value
            try await consumer.shutdown()
            #expect(counted.commit?.recipients == Self.recipients)
            #expect(counted.commit?.batches == Self.recipients / 1_000)
            #expect(counted.recipients == Self.recipients)
            #expect(counted.batches == Self.recipients / 1_000)
            print("1,000,000-recipient NDJSON upload (\(body.readableBytes) bytes) took \(elapsed)")
        }
    }
}

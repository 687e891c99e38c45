import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import WasendCloudAPI
import WasendCore
import WasendKafka
import WasendTenants
import WasendTestSupport

@testable import WasendAPI

/// `GET` and `POST /webhooks/meta` over real HTTP, with the records read back from the mock cluster.
@Suite(.serialized) struct WebhookEndpointTests {
    static let appSecret = "test-app-secret-5f2b"
    static let verifyToken = "test-verify-token-91c4"
    static let signature = WebhookSignature(appSecret: appSecret)

    static func configuration(publishTimeout: Duration = .seconds(5)) -> APIConfiguration {
        APIConfiguration(
            port: 0,
            webhooks: WebhookReceiverConfiguration(
                appSecret: Secret(appSecret), verifyToken: Secret(verifyToken), publishTimeout: publishTimeout))
    }

    static func sample(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WasendCloudAPITests/Samples/\(name).json")
        return Array(try Data(contentsOf: url))
    }

    // MARK: The handshake

    @Test func handshakeEchoesTheChallengeOnlyForTheVerifyToken() async throws {
        try await APITestEnvironment.run(configuration: Self.configuration()) { _, client in
            let accepted = try await client.request(
                .get, "/webhooks/meta?hub.mode=subscribe&hub.verify_token=\(Self.verifyToken)&hub.challenge=1158201444",
                key: nil)
            #expect(accepted.status == .ok)
            #expect(String(buffer: accepted.body) == "1158201444")

            let wrongToken = try await client.request(
                .get, "/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444", key: nil)
            #expect(wrongToken.status == .forbidden)
            #expect(wrongToken.error?.code == "verification_failed")
            #expect(!String(buffer: wrongToken.body).contains("1158201444"))

            let wrongMode = try await client.request(
                .get, "/webhooks/meta?hub.mode=unsubscribe&hub.verify_token=\(Self.verifyToken)&hub.challenge=1", key: nil)
            #expect(wrongMode.status == .forbidden)
        }
    }

    // MARK: Deliveries

    @Test func aSignedSampleIsProducedOnceWithItsRawBytesKeyedByItsPhoneNumber() async throws {
        try await APITestEnvironment.run(configuration: Self.configuration()) { environment, client in
            let validator = try JSONSchemaValidator(directory: JSONSchemaValidator.repositorySchemas)
            let topic = environment.api.configuration.webhooksTopic
            let body = try Self.sample("status_sent_with_biz_opaque_callback_data")
            let before = Timestamp.now
            let response = try await client.post(webhook: body, signature: Self.signature.sign(body))
            #expect(response.status == .ok)
            #expect(try await environment.recordCount(of: topic) == 1)

            let record = try #require(try await environment.records(of: topic, expecting: 1).first)
            #expect(record.key.map { String(decoding: $0, as: UTF8.self) } == "1122334455667")
            #expect(try validator.violations(of: record.value, against: "wasend.webhooks.schema.json").isEmpty)
            let decoded = try JSONDecoder().decode(WebhookRecord.self, from: Data(record.value))
            #expect(Array(decoded.body.utf8) == body)
            #expect(decoded.receivedAt >= before && decoded.receivedAt <= .now)
        }
    }

    @Test func aWebhookWithoutAPhoneNumberIsKeyedByItsBusinessAccount() async throws {
        try await APITestEnvironment.run(configuration: Self.configuration()) { environment, client in
            let body = try Self.sample("account_update_restriction")
            let response = try await client.post(webhook: body, signature: Self.signature.sign(body))
            #expect(response.status == .ok)
            let record = try #require(try await environment.records(of: environment.api.configuration.webhooksTopic, expecting: 1).first)
            let envelope = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            let businessAccount = ((envelope?["entry"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(businessAccount != nil)
            #expect(record.key.map { String(decoding: $0, as: UTF8.self) } == businessAccount)
        }
    }

    @Test func aWrongOrMissingSignatureIsRefusedAndNothingIsProduced() async throws {
        try await APITestEnvironment.run(configuration: Self.configuration()) { environment, client in
            let body = try Self.sample("status_read")
            let otherSecret = WebhookSignature(appSecret: "not-the-app-secret")
            let wrong = try await client.post(webhook: body, signature: otherSecret.sign(body))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.error?.code == "invalid_signature")
            let tampered = try await client.post(webhook: body + [UInt8(ascii: " ")], signature: Self.signature.sign(body))
            #expect(tampered.status == .unauthorized)
            let missing = try await client.post(webhook: body, signature: nil)
            #expect(missing.status == .unauthorized)
            let malformed = try await client.post(webhook: body, signature: "sha1=abc")
            #expect(malformed.status == .unauthorized)
            #expect(try await environment.recordCount(of: environment.api.configuration.webhooksTopic) == 0)
        }
    }

    /// The dangerous truncation: the bytes that did arrive carry a valid signature of themselves,
    /// but fewer arrived than `Content-Length` announced before the connection closed.
    @Test func aTruncatedBodyIsRejectedAndNothingIsProduced() async throws {
        try await APITestEnvironment.run(configuration: Self.configuration()) { environment, client in
            let topic = environment.api.configuration.webhooksTopic
            let body = try Self.sample("status_delivered_cbp_marketing")
            let head = """
                POST /webhooks/meta HTTP/1.1\r
                Host: 127.0.0.1\r
                Content-Type: application/json\r
                Content-Length: \(body.count + 100)\r
                \(WebhookSignature.headerName): \(Self.signature.sign(body))\r
                \r

                """
            let answer = try await RawHTTPExchange.send(Array(head.utf8) + body, port: try #require(client.port))
            #expect(!answer.hasPrefix("HTTP/1.1 200"))

            // A complete webhook afterwards is the only record: the truncated one left none behind.
            let complete = try await client.post(webhook: body, signature: Self.signature.sign(body))
            #expect(complete.status == .ok)
            #expect(try await environment.recordCount(of: topic) == 1)
        }
    }

    @Test func aBodyOverTheLimitIsRefusedWith413AndNothingIsProduced() async throws {
        try await APITestEnvironment.run(configuration: Self.configuration()) { environment, client in
            let topic = environment.api.configuration.webhooksTopic
            let body = Self.statusesBody(bytes: 5_000_000)
            let declared = try await client.post(webhook: body, signature: Self.signature.sign(body))
            #expect(declared.status == .contentTooLarge)
            #expect(declared.error?.code == "body_too_large")

            // Without a Content-Length the limit holds while the body streams in.
            var chunked = Array("""
                POST /webhooks/meta HTTP/1.1\r
                Host: 127.0.0.1\r
                Transfer-Encoding: chunked\r
                \(WebhookSignature.headerName): \(Self.signature.sign(body))\r
                \r

                """.utf8)
            for start in stride(from: 0, to: body.count, by: 65_536) {
                let chunk = body[start..<min(start + 65_536, body.count)]
                chunked += Array("\(String(chunk.count, radix: 16))\r\n".utf8) + chunk + Array("\r\n".utf8)
            }
            chunked += Array("0\r\n\r\n".utf8)
            let answer = try await RawHTTPExchange.send(chunked, port: try #require(client.port))
            #expect(!answer.hasPrefix("HTTP/1.1 200"))
            #expect(answer.isEmpty || answer.hasPrefix("HTTP/1.1 413"))
            #expect(try await environment.recordCount(of: topic) == 0)
        }
    }

    @Test func aLargeBatchJustUnderTheLimitIsProducedIntact() async throws {
        try await APITestEnvironment.run(configuration: Self.configuration()) { environment, client in
            let body = Self.statusesBody(bytes: 3_500_000)
            let response = try await client.post(webhook: body, signature: Self.signature.sign(body))
            #expect(response.status == .ok)
            let record = try #require(try await environment.records(of: environment.api.configuration.webhooksTopic, expecting: 1).first)
            #expect(Array(try JSONDecoder().decode(WebhookRecord.self, from: Data(record.value)).body.utf8) == body)
        }
    }

    @Test func kafkaDownAnswers503SoMetaRetries() async throws {
        try await APITestEnvironment.run(configuration: Self.configuration(publishTimeout: .seconds(1))) { environment, client in
            let body = try Self.sample("status_read")
            try environment.kafka.setBrokerDown(1)
            let response = try await client.post(webhook: body, signature: Self.signature.sign(body))
            #expect(response.status == .serviceUnavailable)
            #expect(response.error?.code == "dependency_unavailable")
            try environment.kafka.setBrokerUp(1)
        }
    }

    @Test func withoutSecretsTheEndpointAcceptsNothing() async throws {
        try await APITestEnvironment.run { environment, client in
            let body = try Self.sample("status_read")
            let response = try await client.post(webhook: body, signature: Self.signature.sign(body))
            #expect(response.status == .serviceUnavailable)
            #expect(response.error?.code == "webhooks_not_configured")
            let handshake = try await client.request(
                .get, "/webhooks/meta?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1", key: nil)
            #expect(handshake.status == .serviceUnavailable)
            #expect(try await environment.recordCount(of: environment.api.configuration.webhooksTopic) == 0)
        }
    }

    /// A messages webhook of status updates padded to about `bytes`, as Meta batches them.
    static func statusesBody(bytes: Int) -> [UInt8] {
        let status = #"{"id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA","status":"delivered","timestamp":"1698266945","recipient_id":"16505551234","biz_opaque_callback_data":"job-0001","pricing":{"billable":true,"pricing_model":"PMP","category":"marketing"}}"#
        let count = max(1, bytes / (status.utf8.count + 1))
        let statuses = Array(repeating: status, count: count).joined(separator: ",")
        return Array("""
            {"object":"whatsapp_business_account","entry":[{"id":"5467539754836534","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"1122334455667"},"statuses":[\(statuses)]},"field":"messages"}]}]}
            """.utf8)
    }
}

extension TestClientProtocol {
    func post(webhook body: [UInt8], signature: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let signature { headers[HTTPFields.Element.Name(WebhookSignature.headerName)!] = signature }
        return try await executeRequest(uri: "/webhooks/meta", method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }
}

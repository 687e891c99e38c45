import Foundation
import Testing

@testable import WasendCloudAPI

@Suite struct WebhookRoutingKeyTests {
    @Test(arguments: ["status_sent_with_biz_opaque_callback_data", "status_read", "message_text_inbound", "messages_batched_two_changes"])
    func aMessagesWebhookIsKeyedByItsMetadataPhoneNumberID(sample: String) throws {
        let body = try Sample.bytes(sample)
        let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        let entry = (object?["entry"] as? [[String: Any]])?.first
        let value = ((entry?["changes"] as? [[String: Any]])?.first?["value"]) as? [String: Any]
        let expected = try #require((value?["metadata"] as? [String: Any])?["phone_number_id"] as? String)
        #expect(WebhookRoutingKey.key(ofRawBody: body) == expected)
    }

    @Test(arguments: ["account_update_restriction", "template_status_update_approved", "phone_number_quality_update_flagged"])
    func otherWebhooksAreKeyedByTheirBusinessAccount(sample: String) throws {
        let body = try Sample.bytes(sample)
        let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        let expected = try #require((object?["entry"] as? [[String: Any]])?.first?["id"] as? String)
        #expect(WebhookRoutingKey.key(ofRawBody: body) == expected)
    }

    @Test func aMemberNameQuotedInsideTextIsNotTakenForTheMember() {
        let body = Array(#"{"entry":[{"id":"77","changes":[{"value":{"text":"say \"phone_number_id\": \"666\"","metadata":{"phone_number_id" : "123"}}}]}]}"#.utf8)
        #expect(WebhookRoutingKey.key(ofRawBody: body) == "123")
    }

    @Test func bodiesThatNameNeitherHaveNoKey() {
        #expect(WebhookRoutingKey.key(ofRawBody: Array("not json".utf8)) == nil)
        #expect(WebhookRoutingKey.key(ofRawBody: Array(#"{"phone_number_id": 5}"#.utf8)) == nil)
        #expect(WebhookRoutingKey.key(ofRawBody: []) == nil)
    }
}

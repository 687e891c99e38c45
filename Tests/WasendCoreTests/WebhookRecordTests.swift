import Foundation
import Testing
import WasendCore

@Suite struct WebhookRecordTests {
    @Test(arguments: [
        #"{"object":"whatsapp_business_account","entry":[]}"#,
        "{\n\t\"text\": \"quotes \\\" and backslashes \\\\ and \\u0001\"\r\n}",
        "ünïcödé 🎉 \u{0} \u{1F} \u{7F} / end",
        "",
    ])
    func theEncodedValueDecodesBackToTheExactBytes(body: String) throws {
        let raw = Array(body.utf8)
        let value = try #require(WebhookRecord.encodedValue(rawBody: raw, receivedAt: Timestamp(millisecondsSinceEpoch: 1_700_000_000_123)))
        let decoded = try JSONDecoder().decode(WebhookRecord.self, from: Data(value))
        #expect(Array(decoded.body.utf8) == raw)
        #expect(decoded.receivedAt == Timestamp(millisecondsSinceEpoch: 1_700_000_000_123))
        // The same document JSONSerialization reads, not only Swift's decoder.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(value)) as? [String: Any])
        #expect(object["body"] as? String == body)
        #expect(Set(object.keys) == ["received_at", "body"])
        let read = try WebhookRecord.rawBody(ofEncodedValue: value)
        #expect(read.body == raw)
        #expect(read.receivedAt == Timestamp(millisecondsSinceEpoch: 1_700_000_000_123))
    }

    @Test(arguments: [
        #"{"body":"a\"b","received_at":5}"#,
        #"{ "received_at" : 5, "body" : "a\"b" }"#,
        #"{"received_at":5,"body":"\u0061\"b"}"#,
    ])
    func otherFormsOfTheSameRecordReadThroughTheDecoder(value: String) throws {
        let read = try WebhookRecord.rawBody(ofEncodedValue: Array(value.utf8))
        #expect(read.body == Array(#"a"b"#.utf8))
        #expect(read.receivedAt == Timestamp(millisecondsSinceEpoch: 5))
    }

    @Test(arguments: [#"{"received_at":5,"body":"a"b"}"#, #"{"received_at":5,"body":"ab\"}"#, #"{"received_at":5}"#, ""])
    func aBrokenValueIsAnError(value: String) {
        #expect(throws: (any Error).self) { try WebhookRecord.rawBody(ofEncodedValue: Array(value.utf8)) }
    }

    @Test func aBodyThatIsNotUTF8HasNoValue() {
        #expect(WebhookRecord.encodedValue(rawBody: [0x7B, 0xFF, 0xFE, 0x7D], receivedAt: .epoch) == nil)
        #expect(WebhookRecord.encodedValue(rawBody: [0xE2, 0x82], receivedAt: .epoch) == nil)
    }
}

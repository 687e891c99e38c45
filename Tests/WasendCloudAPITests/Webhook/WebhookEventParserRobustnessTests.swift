import Foundation
import Testing
import WasendCloudAPI
import WasendCore

@Suite("Webhook events from unusual and malformed bodies")
struct WebhookEventParserRobustnessTests {
    private func events(_ json: String) throws -> [WebhookEvent] {
        try WebhookEventParser.events(from: Array(json.utf8))
    }

    private func parseError(_ json: String) -> WebhookParseError? {
        do {
            _ = try WebhookEventParser.events(from: Array(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    private func envelope(field: String, value: String) -> String {
        #"{"object":"whatsapp_business_account","entry":[{"id":"waba-1","changes":[{"field":"\#(field)","value":\#(value)}]}]}"#
    }

    @Test func throughputUpgrade() throws {
        let json = envelope(
            field: "phone_number_quality_update",
            value:
                #"{"display_phone_number":"15550783881","event":"THROUGHPUT_UPGRADE","current_limit":"TIER_UNLIMITED"}"#
        )
        #expect(
            try events(json) == [
                .phoneNumberQuality(
                    .init(
                        businessAccountID: "waba-1", displayPhoneNumber: "15550783881", event: "THROUGHPUT_UPGRADE",
                        currentLimit: "TIER_UNLIMITED", messagingTier: .unlimited))
            ])
    }

    @Test(arguments: [
        ("250", MessagingTier?.some(.tier250)),
        ("2000", .tier2K),
        ("10000", .tier10K),
        ("100000", .tier100K),
        ("-1", .unlimited),
        (#""2000""#, .tier2K),
        ("100", nil),
    ])
    func businessCapabilityUpdate(wireValue: String, expected: MessagingTier?) throws {
        let json = envelope(
            field: "business_capability_update",
            value: #"{"max_daily_conversations_per_business":\#(wireValue),"max_phone_numbers_per_business":2}"#)
        #expect(
            try events(json) == [
                .businessCapability(
                    .init(businessAccountID: "waba-1", messagingTier: expected, maxPhoneNumbersPerBusiness: 2))
            ])
    }

    @Test func marketingStop() throws {
        let json = envelope(
            field: "user_preferences",
            value:
                #"{"messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"pn-1"},"user_preferences":[{"wa_id":"16505551234","detail":"User requested to stop marketing messages","category":"marketing_messages","value":"stop","timestamp":1731705721}]}"#
        )
        guard case .userPreference(let change) = try #require(try events(json).first) else {
            Issue.record("expected a user preference")
            return
        }
        #expect(change.preference == .stop)
        #expect(change.waID == "16505551234")
        #expect(change.phoneNumberID == "pn-1")
    }

    @Test func unknownStatusValuesAreKeptRaw() throws {
        let json = envelope(
            field: "messages",
            value:
                #"{"metadata":{"phone_number_id":"pn-1"},"statuses":[{"id":"wamid.A","status":"deleted","timestamp":"1700000000","recipient_id":"1"},{"id":"wamid.B","status":"warning","timestamp":"1700000001","recipient_id":"1","biz_opaque_callback_data":"job-9"}]}"#
        )
        let statuses = try events(json).compactMap { event -> WebhookEvent.StatusUpdate? in
            guard case .status(let status) = event else { return nil }
            return status
        }
        #expect(statuses.map(\.status) == [.other("deleted"), .other("warning")])
        #expect(statuses.last?.jobID == JobID(rawValue: "job-9"))
    }

    @Test func unknownFieldBecomesAnUnknownEvent() throws {
        let json = envelope(field: "calls", value: #"{"calls":[{"id":"c1","status":"RINGING"}]}"#)
        #expect(
            try events(json) == [
                .unknown(
                    businessAccountID: "waba-1", field: "calls",
                    value: .object(["calls": .array([.object(["id": .string("c1"), "status": .string("RINGING")])])]))
            ])
    }

    @Test func unknownKeysAndMessageTypesAreIgnored() throws {
        let json = envelope(
            field: "messages",
            value:
                #"{"brand_new_key":{"x":[1,2,3]},"metadata":{"phone_number_id":"pn-1","extra":true},"messages":[{"from":"49151","id":"wamid.R","timestamp":"1700000000","type":"reaction","reaction":{"emoji":"👍","message_id":"wamid.X"}}]}"#
        )
        guard case .inboundMessage(let message) = try #require(try events(json).first) else {
            Issue.record("expected an inbound message")
            return
        }
        #expect(message.type == "reaction")
        #expect(message.text == nil)
        #expect(message.from == "49151")
    }

    @Test func buttonAndInteractiveRepliesGiveTheirText() throws {
        let json = envelope(
            field: "messages",
            value:
                #"{"metadata":{"phone_number_id":"pn-1"},"messages":[{"from":"1","id":"wamid.1","timestamp":"1","type":"button","button":{"payload":"STOP_PROMOS","text":"Stop promotions"}},{"from":"1","id":"wamid.2","timestamp":"2","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"b1","title":"Yes"}}}]}"#
        )
        let texts = try events(json).map { event -> String? in
            guard case .inboundMessage(let message) = event else { return nil }
            return message.text
        }
        #expect(texts == ["Stop promotions", "Yes"])
    }

    @Test func emptyEntryListGivesNoEvents() throws {
        #expect(try events(#"{"object":"whatsapp_business_account","entry":[]}"#).isEmpty)
    }

    @Test func truncatedJSON() throws {
        let full = String(decoding: try Sample.bytes("status_failed_131026_undeliverable"), as: UTF8.self)
        let error = try #require(parseError(String(full.prefix(full.count / 2))))
        #expect(error.path == "")
        #expect(error.description.hasPrefix("invalid webhook body"))
    }

    @Test(arguments: ["", "<html><body>502 Bad Gateway</body></html>", "null", "[]", "42"])
    func notAWebhookBody(body: String) {
        #expect(parseError(body) != nil)
    }

    @Test func wrongTypeIsReportedWithItsPath() throws {
        let json = envelope(
            field: "messages",
            value:
                #"{"statuses":[{"id":"wamid.A","status":"sent","timestamp":"1","recipient_id":"1"},{"id":"wamid.B","status":7,"timestamp":"1"}]}"#
        )
        let error = try #require(parseError(json))
        #expect(error.path == "entry[0].changes[0].value.statuses[1].status")
    }

    @Test func missingKeyIsReportedWithItsPath() throws {
        let json = envelope(field: "messages", value: #"{"statuses":[{"status":"sent","timestamp":"1"}]}"#)
        let error = try #require(parseError(json))
        #expect(error.path == "entry[0].changes[0].value.statuses[0].id")
        #expect(error.reason == "required key is missing")
    }

    @Test func nonNumericTimestampIsReportedWithItsPath() throws {
        let json = envelope(
            field: "messages",
            value: #"{"statuses":[{"id":"wamid.A","status":"sent","timestamp":"yesterday","recipient_id":"1"}]}"#)
        let error = try #require(parseError(json))
        #expect(error.path == "entry[0].changes[0].value.statuses[0].timestamp")
        #expect(error.reason.contains("yesterday"))
    }

    @Test func largeBatchOfAThousandStatuses() throws {
        // About 3 MB, Meta's upper bound: 1,000 failed statuses, each with a long error text.
        let details = String(repeating: "d", count: 2_800)
        let statuses = (0..<1_000).map { index in
            #"{"id":"wamid.\#(index)","status":"failed","timestamp":"\#(1_700_000_000 + index)","recipient_id":"4915100\#(index)","biz_opaque_callback_data":"job-\#(index)","errors":[{"code":131026,"title":"Receiver is incapable of receiving this message","error_data":{"details":"\#(details)"}}]}"#
        }
        let json = envelope(
            field: "messages",
            value: #"{"metadata":{"phone_number_id":"pn-1"},"statuses":[\#(statuses.joined(separator: ","))]}"#)
        #expect(json.utf8.count > 2_900_000)
        let events = try events(json)
        #expect(events.count == 1_000)
        guard case .status(let last) = try #require(events.last) else {
            Issue.record("expected statuses")
            return
        }
        #expect(last.wamid == "wamid.999")
        #expect(last.jobID == JobID(rawValue: "job-999"))
        #expect(last.timestamp == Timestamp(secondsSinceEpoch: 1_700_000_999))
        #expect(last.errors.first?.code == 131026)
    }
}

extension WebhookEventParserRobustnessTests {
    @Test func deletedStatusHasNoDeliveryMeaning() throws {
        let json =
            #"{"object":"whatsapp_business_account","entry":[{"id":"w","changes":[{"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"deleted","timestamp":"1","recipient_id":"1"}]}}]}]}"#
        guard case .status(let status) = try #require(try WebhookEventParser.events(from: Array(json.utf8)).first)
        else {
            Issue.record("expected a status")
            return
        }
        #expect(status.deliveryEvent == nil)
    }
}

import Testing
import WasendCloudAPI
import WasendCore

@Suite("Webhook events from Meta's recorded payloads")
struct WebhookEventParserTests {
    private func events(_ sample: String) throws -> [WebhookEvent] {
        try WebhookEventParser.events(from: try Sample.bytes(sample))
    }

    func onlyStatus(_ sample: String) throws -> WebhookEvent.StatusUpdate {
        let events = try events(sample)
        guard events.count == 1, case .status(let status) = events[0] else {
            Issue.record("\(sample): expected exactly one status event, got \(events)")
            throw Sample.Missing(name: sample)
        }
        return status
    }

    @Test func sentWithCallbackDataCarriesTheJobID() throws {
        let status = try onlyStatus("status_sent_with_biz_opaque_callback_data")
        #expect(status.wamid == "wamid.xyzxyz")
        #expect(status.status == .delivery(.sent))
        #expect(status.jobID == JobID(rawValue: "some data"))
        #expect(status.campaignID == nil)
        #expect(status.timestamp == Timestamp(secondsSinceEpoch: 1_698_266_945))
        #expect(status.recipient == .waID("972987654321"))
        #expect(status.businessAccountID == "5467539754836534")
        #expect(status.phoneNumberID == "1122334455667")
        #expect(status.pricingCategory == "service")
        #expect(status.billable == true)
        #expect(status.errors.isEmpty)
    }

    @Test func callbackDataWithACampaignNamesBoth() throws {
        let body = #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"2"},"statuses":[{"id":"wamid.A","status":"delivered","timestamp":"1700000000","recipient_id":"4915100000001","biz_opaque_callback_data":"cmp_1/j42"}]}}]}]}"#
        let events = try WebhookEventParser.events(from: Array(body.utf8))
        guard case .status(let status) = events.first else { throw Sample.Missing(name: "status") }
        #expect(status.jobID == JobID(rawValue: "j42"))
        #expect(status.campaignID == "cmp_1")
    }

    @Test(arguments: [
        ("status_sent_cbp_service", DeliveryStatus.sent, "service"),
        ("status_sent_cbp_business_initiated", .sent, "business_initiated"),
        ("status_sent_pmp_marketing_meta_doc", .sent, "marketing"),
        ("status_delivered_cbp_service", .delivered, "service"),
        ("status_delivered_cbp_marketing", .delivered, "marketing"),
        ("status_delivered_cbp_business_initiated", .delivered, "business_initiated"),
        ("status_delivered_pmp_marketing_bsuid", .delivered, "marketing"),
        ("status_read", .read, "service"),
        ("status_played_voice", .read, "service"),
    ])
    func statusAndPricingCategory(sample: String, expected: DeliveryStatus, category: String) throws {
        let status = try onlyStatus(sample)
        #expect(status.status == .delivery(expected))
        #expect(status.pricingCategory == category)
        #expect(status.jobID == nil)
    }

    @Test func statusWithoutPricingOrConversation() throws {
        let sent = try onlyStatus("status_sent_v24_no_conversation_meta_doc")
        #expect(sent.status == .delivery(.sent))
        #expect(sent.wamid == "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=")
        #expect(sent.timestamp == Timestamp(secondsSinceEpoch: 1_750_030_073))
        #expect(sent.recipient == .waID("16505551234"))
        #expect(sent.pricingCategory == nil)

        let read = try onlyStatus("status_read_minimal")
        #expect(read.status == .delivery(.read))
        #expect(read.recipient == .waID("1111111111111"))
        #expect(read.phoneNumberID == "409552778964973")
    }

    @Test func businessScopedRecipient() throws {
        let status = try onlyStatus("status_delivered_pmp_marketing_bsuid")
        #expect(status.recipient == .userID("US.13491208655302741918"))
    }

    @Test func groupReadStatus() throws {
        let status = try onlyStatus("status_read_group")
        #expect(status.status == .delivery(.read))
        #expect(status.wamid == "<WHATSAPP_MESSAGE_ID>")
        #expect(status.recipient == .waID("fowefinoewcnw"))
    }

    @Test(arguments: [
        ("status_failed_131026_undeliverable", 131026, ErrorClass.permanent, "Message Undeliverable."),
        (
            "status_failed_131047_reengagement", 131047, .permanent,
            "Message failed to send because more than 24 hours have passed since the customer last replied to this number."
        ),
        (
            "status_failed_131049_meta_doc", 131049, .permanent,
            "In order to maintain a healthy ecosystem engagement, the message failed to be delivered."
        ),
        (
            "status_failed_131053_media_upload", 131053, .permanent,
            "Unsupported Video mime type text/html. Please use one of video/3gpp, video/mp4."
        ),
        (
            "status_failed_130472_experiment", 130472, .permanent,
            "Failed to send message because this user's phone number is part of an experiment"
        ),
    ])
    func failedStatusCarriesClassifiedErrors(sample: String, code: Int, errorClass: ErrorClass, details: String) throws
    {
        let status = try onlyStatus(sample)
        #expect(status.status == .delivery(.failed))
        #expect(status.errors.count == 1)
        let error = try #require(status.errors.first)
        #expect(error.code == code)
        #expect(error.details == details)
        #expect(error.advice.errorClass == errorClass)
        #expect(error.advice.retryable == false)
    }

    @Test func marketingLimitErrorWaitsADay() throws {
        let error = try #require(try onlyStatus("status_failed_131049_meta_doc").errors.first)
        #expect(error.advice.scope == .recipient)
        #expect(error.advice.minimumRetryDelay == .seconds(24 * 3600))
        #expect(error.title == "This message was not delivered to maintain healthy ecosystem engagement.")
    }

    @Test func inboundTextMessage() throws {
        let events = try events("message_text_inbound")
        #expect(
            events == [
                .inboundMessage(
                    .init(
                        businessAccountID: "1234567890987654321", phoneNumberID: "1122334455667",
                        wamid: "wamid.xyzxyz", from: "972987654321", type: "text", text: "Body Text",
                        timestamp: Timestamp(secondsSinceEpoch: 1_697_043_223)))
            ])
    }

    @Test func batchedChangesKeepTheirOrder() throws {
        let texts = try events("messages_batched_two_changes").map { event -> String? in
            guard case .inboundMessage(let message) = event else { return nil }
            return message.text
        }
        #expect(texts == ["MESSAGE_BODY", "MESSAGE_BODY2"])
    }

    @Test func systemMessageWithNumericTimestamp() throws {
        guard case .inboundMessage(let message) = try #require(try events("message_system_user_changed_number").first)
        else {
            Issue.record("expected an inbound message")
            return
        }
        #expect(message.type == "system")
        #expect(message.text == "NAME changed from PHONE_NUMBER to PHONE_NUMBER")
        #expect(message.timestamp == Timestamp(secondsSinceEpoch: 1_669_233_778))
        #expect(message.phoneNumberID == "NEW_PHONE_NUMBER_ID")
    }

    @Test func unsupportedInboundMessageKeepsItsError() throws {
        guard case .inboundMessage(let message) = try #require(try events("message_unsupported_131051").first) else {
            Issue.record("expected an inbound message")
            return
        }
        #expect(message.type == "unknown")
        #expect(message.text == nil)
        #expect(message.errors.map(\.code) == [131051])
        #expect(message.errors.first?.details == "Message type is not currently supported")
    }

    @Test func inboundMessageWithValueLevelError() throws {
        let events = try events("message_inbound_with_error_131000")
        #expect(events.count == 2)
        guard case .inboundMessage(let message) = events[0], case .error(let valueError) = events[1] else {
            Issue.record("expected an inbound message then a value-level error, got \(events)")
            return
        }
        #expect(message.type == "interactive")
        #expect(message.from == "972987654321")
        #expect(valueError.error.code == 131000)
        #expect(valueError.error.advice.errorClass == .transient)
        #expect(valueError.error.details == "Unsupported webhook payload")
        #expect(valueError.phoneNumberID == "1122334455667")
    }

    @Test func valueLevelRateLimitError() throws {
        let events = try events("webhook_value_errors_130429_meta_doc")
        guard events.count == 1, case .error(let valueError) = events[0] else {
            Issue.record("expected one value-level error, got \(events)")
            return
        }
        #expect(valueError.error.code == 130429)
        #expect(valueError.error.advice.errorClass == .throttled)
        #expect(valueError.error.advice.scope == .phoneNumber)
        #expect(valueError.phoneNumberID == "106540352242922")
        #expect(valueError.businessAccountID == "102290129340398")
    }

    @Test func marketingResume() throws {
        #expect(
            try events("user_preferences_marketing_resume") == [
                .userPreference(
                    .init(
                        businessAccountID: "102290129340398", phoneNumberID: "106540352242922", waID: "16505551234",
                        userID: nil, category: "marketing_messages", preference: .resume,
                        timestamp: Timestamp(secondsSinceEpoch: 1_731_705_721)))
            ])
    }

    @Test func templateStatusUpdates() throws {
        #expect(
            try events("template_status_update_approved") == [
                .templateStatus(
                    .init(
                        businessAccountID: "102290129340398", templateID: "1689556908129832",
                        name: "order_confirmation", languageCode: "en_US", event: "APPROVED", reason: "NONE",
                        category: "UTILITY"))
            ])
        #expect(
            try events("template_status_update_rejected") == [
                .templateStatus(
                    .init(
                        businessAccountID: "102290129340398", templateID: "1689556908129835", name: "abandoned_cart",
                        languageCode: "en", event: "REJECTED", reason: "INVALID_FORMAT", category: "MARKETING"))
            ])
        #expect(
            try events("template_status_update_flagged_disabling") == [
                .templateStatus(
                    .init(
                        businessAccountID: "whatsapp-business-account-id", templateID: "1234567",
                        name: "My message template", languageCode: "en-US", event: "FLAGGED", reason: nil,
                        category: nil))
            ])
    }

    @Test func templateQualityUpdate() throws {
        #expect(
            try events("template_quality_update_green_to_yellow") == [
                .templateQuality(
                    .init(
                        businessAccountID: "102290129340398", templateID: "806312974732579", name: "welcome_template",
                        languageCode: "en_US", previousScore: "GREEN", newScore: "YELLOW"))
            ])
    }

    @Test func phoneNumberQualityUpdate() throws {
        #expect(
            try events("phone_number_quality_update_flagged") == [
                .phoneNumberQuality(
                    .init(
                        businessAccountID: "waba-id", displayPhoneNumber: "16505551111", event: "FLAGGED",
                        currentLimit: "TIER_10K", messagingTier: .tier10K))
            ])
    }

    @Test func accountUpdates() throws {
        #expect(
            try events("account_update_disabled") == [
                .accountUpdate(
                    .init(
                        businessAccountID: "whatsapp-business-account-id", event: "DISABLED_UPDATE", phoneNumber: nil,
                        banState: "SCHEDULE_FOR_DISABLE", restrictions: []))
            ])
        #expect(
            try events("account_update_restriction") == [
                .accountUpdate(
                    .init(
                        businessAccountID: "102290129340398", event: "ACCOUNT_RESTRICTION", phoneNumber: nil,
                        banState: nil,
                        restrictions: ["RESTRICTED_BIZ_INITIATED_MESSAGING", "RESTRICTED_ADD_PHONE_NUMBER_ACTION"]))
            ])
    }
}

extension WebhookEventParserTests {
    @Test func statusesFoldIntoTheDeliveryState() throws {
        let failed = try onlyStatus("status_failed_131047_reengagement")
        #expect(
            failed.deliveryEvent
                == DeliveryEvent(status: .failed, at: Timestamp(secondsSinceEpoch: 1_682_651_887), errorCode: 131047))
        let played = try onlyStatus("status_played_voice")
        #expect(played.deliveryEvent == DeliveryEvent(status: .read, at: Timestamp(secondsSinceEpoch: 1_689_380_458)))
    }
}

import Foundation
import Testing
import WasendCloudAPI

@Suite("Webhook payload wire types")
struct WebhookPayloadDecodingTests {
    private func decode(_ sample: String) throws -> WebhookPayload {
        try JSONDecoder().decode(WebhookPayload.self, from: Data(try Sample.bytes(sample)))
    }

    private func messagesValue(_ sample: String) throws -> WebhookMessagesValue {
        let payload = try decode(sample)
        guard case .messages(let value) = try #require(payload.entry.first?.changes.first).value else {
            Issue.record("\(sample): expected a messages change")
            throw Sample.Missing(name: sample)
        }
        return value
    }

    @Test func failedStatusKeepsErrorsAndMetadata() throws {
        let value = try messagesValue("status_failed_131026_undeliverable")
        let status = try #require(value.statuses?.first)
        #expect(status.id == "wamid.HBgLMzI0NzY3NTUzNzYVAgARGBIzOTI2MzFGRjdBRjA4M0Y2RDQA")
        #expect(status.status == "failed")
        #expect(status.timestamp == "1698231447")
        #expect(status.recipientID == "REDACTED")
        #expect(status.errors?.first?.code == 131026)
        #expect(status.errors?.first?.errorData?.details == "Message Undeliverable.")
        #expect(value.metadata?.phoneNumberID == "REDACTED")
    }

    @Test func statusWithCallbackDataAndPricing() throws {
        let status = try #require(try messagesValue("status_sent_with_biz_opaque_callback_data").statuses?.first)
        #expect(status.bizOpaqueCallbackData == "some data")
        #expect(status.pricing == WebhookStatus.Pricing(billable: true, pricingModel: "CBP", category: "service"))
        #expect(status.conversation?.expirationTimestamp == "1698339900")
        #expect(status.conversation?.origin?.type == "service")
    }

    @Test func statusWithOnlyBusinessScopedUserID() throws {
        let status = try #require(try messagesValue("status_delivered_pmp_marketing_bsuid").statuses?.first)
        #expect(status.recipientID == nil)
        #expect(status.recipientUserID == "US.13491208655302741918")
        #expect(status.parentRecipientUserID == "US.ENT.11815799212886844830")
        #expect(status.pricing?.pricingModel == "PMP")
        #expect(status.pricing?.type == "regular")
    }

    @Test func numericTimestampAndSystemMessage() throws {
        let message = try #require(try messagesValue("message_system_user_changed_number").messages?.first)
        #expect(message.timestamp == "1669233778")
        #expect(message.type == "system")
        #expect(message.system?.type == "user_changed_number")
        #expect(message.system?.customer == "OLD_PHONE_NUMBER_ID")
    }

    @Test func inboundMessageErrorsAtMessageLevel() throws {
        let message = try #require(try messagesValue("message_unsupported_131051").messages?.first)
        #expect(message.type == "unknown")
        #expect(message.errors?.first?.code == 131051)
        #expect(message.errors?.first?.details == "Message type is not currently supported")
    }

    @Test func templateStatusWithNullReason() throws {
        let payload = try decode("template_status_update_flagged_disabling")
        guard case .messageTemplateStatusUpdate(let update) = payload.entry[0].changes[0].value else {
            Issue.record("expected a template status update")
            return
        }
        #expect(update.event == "FLAGGED")
        #expect(update.messageTemplateID == "1234567")
        #expect(update.reason == nil)
        #expect(update.disableInfo?.disableDate == "January 31, 2021")
        #expect(payload.entry[0].time == 1_604_703_141)
    }

    @Test func unknownFieldIsKeptRaw() throws {
        let body = #"""
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
              {"field":"calls","value":{"calls":[{"id":"c1","duration":12}]}}]}]}
            """#
        let payload = try JSONDecoder().decode(WebhookPayload.self, from: Data(body.utf8))
        let change = payload.entry[0].changes[0]
        #expect(change.field == "calls")
        #expect(
            change.value
                == .unknown(
                    field: "calls",
                    value: .object(["calls": .array([.object(["id": .string("c1"), "duration": .number(12)])])])))
    }

    @Test(arguments: [
        "account_update_disabled", "account_update_restriction", "message_inbound_with_error_131000",
        "message_system_user_changed_number", "message_text_inbound", "message_unsupported_131051",
        "messages_batched_two_changes", "phone_number_quality_update_flagged",
        "status_delivered_cbp_business_initiated", "status_delivered_cbp_marketing", "status_delivered_cbp_service",
        "status_delivered_pmp_marketing_bsuid", "status_failed_130472_experiment", "status_failed_131026_undeliverable",
        "status_failed_131047_reengagement", "status_failed_131049_meta_doc", "status_failed_131053_media_upload",
        "status_played_voice", "status_read", "status_read_group", "status_read_minimal",
        "status_sent_cbp_business_initiated", "status_sent_cbp_service", "status_sent_pmp_marketing_meta_doc",
        "status_sent_v24_no_conversation_meta_doc", "status_sent_with_biz_opaque_callback_data",
        "template_quality_update_green_to_yellow", "template_status_update_approved",
        "template_status_update_flagged_disabling", "template_status_update_rejected",
        "user_preferences_marketing_resume", "webhook_value_errors_130429_meta_doc",
    ])
    func encodingRoundTrips(sample: String) throws {
        let payload = try decode(sample)
        let encoded = try JSONEncoder().encode(payload)
        #expect(try JSONDecoder().decode(WebhookPayload.self, from: encoded) == payload)
    }
}

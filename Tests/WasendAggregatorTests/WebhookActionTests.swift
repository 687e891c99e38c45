import Foundation
import Testing
import WasendAggregator
import WasendCore
import WasendKafka
import WasendLimits
import WasendRedis
import WasendTestSupport

/// The webhooks that are not delivery statuses, and records that cannot be read.
@Suite(.serialized) struct WebhookActionTests {
    static let portfolio = AggregatorTestEnvironment.portfolioID
    static let number = AggregatorTestEnvironment.phoneNumberID

    static func envelope(field: String, value: String) -> String {
        #"{"object":"whatsapp_business_account","entry":[{"id":"\#(portfolio)","changes":[{"field":"\#(field)","value":\#(value)}]}]}"#
    }

    static func inbound(from: String, text: String, at seconds: Int64) -> String {
        envelope(
            field: "messages",
            value:
                #"{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"\#(number)"},"messages":[{"from":"\#(from)","id":"wamid.in\#(from)\#(seconds)","timestamp":"\#(seconds)","type":"text","text":{"body":"\#(text)"}}]}"#
        )
    }

    @Test func keywordsPreferencesErrorsTiersThroughputAndPauses() async throws {
        let environment = try await AggregatorTestEnvironment()
        let paused = try AggregatorTestEnvironment.campaign(templateName: "spring_sale")
        let untouched = try AggregatorTestEnvironment.campaign(templateName: "order_update")
        try await environment.create(paused)
        try await environment.create(untouched)
        let now = Int64(Date().timeIntervalSince1970)
        let bodies = [
            Self.inbound(from: "4915100000001", text: "STOP", at: now),
            Self.inbound(from: "4915100000002", text: "Parar", at: now),
            Self.inbound(from: "4915100000003", text: "  Arrêt! ", at: now),
            Self.inbound(from: "4915100000004", text: "please stop sending me that", at: now),
            Self.inbound(from: "4915100000005", text: "stopp", at: now),
            Self.inbound(from: "4915100000005", text: "Start", at: now + 1),
            Self.envelope(
                field: "user_preferences",
                value:
                    #"{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"\#(Self.number)"},"user_preferences":[{"wa_id":"4915100000006","detail":"stop","category":"marketing_messages","value":"stop","timestamp":\#(now)}]}"#
            ),
            StatusBody.body([
                .init(wamid: "wamid.unknown", status: "failed", seconds: now, recipient: "4915100000007", errorCode: 131050)
            ]),
            Self.envelope(
                field: "message_template_status_update",
                value:
                    #"{"event":"PAUSED","message_template_id":1,"message_template_name":"spring_sale","message_template_language":"en_US","reason":"LOW_QUALITY"}"#
            ),
            Self.envelope(
                field: "business_capability_update",
                value: #"{"max_daily_conversations_per_business":100000,"max_phone_numbers_per_business":20}"#),
            Self.envelope(
                field: "phone_number_quality_update",
                value: #"{"display_phone_number":"15550783881","event":"THROUGHPUT_UPGRADE","current_limit":"TIER_100K"}"#),
        ]
        var configuration = environment.configuration()
        configuration.phoneNumberIDs = ["15550783881": Self.number]
        let letters = try environment.consumer([environment.topics.deadLetters])
        let setAside = LatestRecords()
        try await environment.withAggregator(configuration) {
            try await environment.publishWebhooks(bodies)
            try await environment.produceRaw(Array("{not json".utf8), topic: environment.topics.results, key: "j1")
            try await environment.produceRaw(
                Array(#"{"received_at":1,"body":"{\"entry\":[{\"id\":1}]}"}"#.utf8), topic: environment.topics.webhooks,
                key: Self.number)
            // Dead letters keep their record's key; a record read again after a rebalance (at least
            // once) may be dead-lettered twice, so wait for both keys, not for two letters.
            try await setAside.read(from: letters) { latest, _ in latest.count >= 2 }
            try await eventually("the template's campaign pauses") {
                try await environment.campaignState(paused.id) == .paused(.templatePaused)
            }
        }
        try await letters.shutdown()

        let optedOut = try await environment.redis.send("SMEMBERS", CampaignKeys.optOuts(portfolioID: Self.portfolio))
        #expect(Set(optedOut.array?.compactMap(\.string) ?? []) == ["4915100000001", "4915100000002", "4915100000003", "4915100000006", "4915100000007"])
        #expect(try await environment.campaignState(untouched.id) == .running)
        let controls = NumberControls(redis: environment.redis)
        #expect(try await controls.tier(portfolioID: Self.portfolio) == .tier100K)
        #expect(try await controls.state(portfolioID: Self.portfolio, phoneNumberID: Self.number).messagesPerSecondOverride == 1_000)
        let window = try await CustomerServiceWindows(redis: environment.redis).closes(
            portfolioID: Self.portfolio, phoneNumberID: Self.number, recipient: try PhoneNumber(e164Digits: "4915100000004"),
            now: Timestamp(secondsSinceEpoch: now))
        #expect(window == Timestamp(secondsSinceEpoch: now) + CustomerServiceWindow.length)
        let reasons = await setAside.values.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])?["reason"] as? String
        }
        #expect(Set(reasons) == ["unreadable_result", "unreadable_webhook"])
        try await environment.shutdown()
    }

    @Test func keywordsMatchWholeMessagesWithoutCase() {
        let keywords = OptOutKeywords()
        #expect(keywords.verdict(for: "STOP") == .stop)
        #expect(keywords.verdict(for: " unsubscribe. ") == .stop)
        #expect(keywords.verdict(for: "ALTO") == .stop)
        #expect(keywords.verdict(for: "ARRÊT") == .stop)
        #expect(keywords.verdict(for: "Stopp!") == .stop)
        #expect(keywords.verdict(for: "start") == .resume)
        #expect(keywords.verdict(for: "stop it now please") == nil)
        #expect(OptOutKeywords(stop: ["Basta Ya"]).verdict(for: "basta   ya") == .stop)
    }
}

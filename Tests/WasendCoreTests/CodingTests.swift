import Foundation
import Testing
import WasendCore

/// The JSON of these types is the Kafka record format: its shape is pinned here.
@Suite("JSON coding")
struct CodingTests {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// What a hand-written writer produced, re-serialised with sorted keys like ``json(_:)``.
    static func written(_ value: some JSONWritable) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(value.jsonBytes()))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    static func roundTrip<T: Codable & Equatable>(_ value: T) throws {
        #expect(try decode(T.self, json(value)) == value)
    }

    static func roundTripWritten<T: Decodable & JSONWritable & Equatable>(_ value: T) throws {
        #expect(try JSONDecoder().decode(T.self, from: Data(value.jsonBytes())) == value)
    }

    let recipient = try! PhoneNumber(e164Digits: "4915123456789")

    @Test("A send job has a stable snake_case shape")
    func sendJob() throws {
        let job = SendJob(
            jobID: JobID(rawValue: "j0123"), campaignID: "c1", phoneNumberID: "106540352242922",
            portfolioID: "102290129340398", recipient: recipient, category: .utility,
            message: .text(TextMessage(body: "Hi", previewURL: false)), attempt: 2,
            notBefore: Timestamp(millisecondsSinceEpoch: 1_767_225_600_000), priority: 5)
        #expect(
            try Self.written(job)
                == #"{"attempt":2,"campaign_id":"c1","category":"UTILITY","job_id":"j0123","message":{"text":{"body":"Hi","preview_url":false},"type":"text"},"not_before":1767225600000,"phone_number_id":"106540352242922","portfolio_id":"102290129340398","priority":5,"recipient":"4915123456789"}"#
        )
        try Self.roundTripWritten(job)
        var immediate = job
        immediate.notBefore = nil
        #expect(try !Self.written(immediate).contains("not_before"))
        try Self.roundTripWritten(immediate)
    }

    @Test("Template content mirrors the Cloud API's parameter shapes")
    func templateContent() throws {
        let content = MessageContent.template(
            TemplateMessage(
                name: "order_shipped", languageCode: "en_US",
                components: [
                    .header([.image(.link("https://cdn.example.com/a.png"))]),
                    .body([
                        .text("Ada"), .currency(fallback: "€12.50", code: "EUR", amount1000: 12500),
                        .dateTime(fallback: "Tuesday"), .video(.id("4490")),
                    ]),
                    .header([.document(.id("77"))]),
                    .button(.quickReply, index: 1, [.payload("stop")]),
                ]))
        let json = try Self.json(content)
        #expect(json.contains(#"{"currency":{"amount_1000":12500,"code":"EUR","fallback_value":"€12.50"},"type":"currency"}"#))
        #expect(json.contains(#"{"date_time":{"fallback_value":"Tuesday"},"type":"date_time"}"#))
        #expect(json.contains(#"{"image":{"link":"https://cdn.example.com/a.png"},"type":"image"}"#))
        #expect(json.contains(#"{"index":1,"parameters":[{"payload":"stop","type":"payload"}],"sub_type":"quick_reply","type":"button"}"#))
        #expect(json.contains(#""language_code":"en_US""#))
        try Self.roundTrip(content)
    }

    @Test("A malformed phone number in a record fails decoding instead of making a bad job")
    func phoneNumberDecoding() throws {
        #expect(try Self.decode([PhoneNumber].self, #"["4915123456789"]"#) == [recipient])
        #expect(throws: DecodingError.self) { try Self.decode([PhoneNumber].self, #"["+49 151"]"#) }
        #expect(throws: DecodingError.self) { try Self.decode([PhoneNumber].self, #"["0151234567"]"#) }
    }

    @Test("Every send result round-trips with an outcome tag")
    func sendResults() throws {
        let results: [SendResult] = [
            .accepted(wamid: "wamid.HBgL", messageStatus: .heldForQualityAssessment),
            .failed(code: 131026, errorClass: .permanent, details: "Message undeliverable"),
            .failed(code: SendResult.transportFailureCode, errorClass: .transient, details: nil),
            .skipped(.alreadyAccepted),
            .deferred(limit: .pairRate, notBefore: Timestamp(millisecondsSinceEpoch: 42)),
        ]
        for result in results {
            try Self.roundTripWritten(result)
        }
        #expect(
            try Self.written(results[0]) == #"{"message_status":"held_for_quality_assessment","outcome":"accepted","wamid":"wamid.HBgL"}"#)
        #expect(try Self.written(results[1]) == #"{"code":131026,"details":"Message undeliverable","error_class":"permanent","outcome":"failed"}"#)
        #expect(try Self.written(results[4]) == #"{"limit":"pair_rate","not_before":42,"outcome":"deferred"}"#)
        let outcome = SendOutcome(
            jobID: JobID(rawValue: "j1"), campaignID: "c1", phoneNumberID: "p1", attempt: 1,
            finishedAt: Timestamp(millisecondsSinceEpoch: 7), result: results[3])
        #expect(
            try Self.written(outcome)
                == #"{"attempt":1,"campaign_id":"c1","finished_at":7,"job_id":"j1","phone_number_id":"p1","result":{"outcome":"skipped","reason":"already_accepted"}}"#
        )
        try Self.roundTripWritten(outcome)
    }

    @Test("Delivery states carry their derived status and read back to the same state")
    func deliveryState() throws {
        let state = DeliveryState([
            DeliveryEvent(status: .sent, at: Timestamp(millisecondsSinceEpoch: 1000)),
            DeliveryEvent(status: .failed, at: Timestamp(millisecondsSinceEpoch: 2000), errorCode: 131026),
        ])
        #expect(try Self.json(state) == #"{"error_code":131026,"failed_at":2000,"sent_at":1000,"status":"failed"}"#)
        try Self.roundTrip(state)
        try Self.roundTrip(DeliveryState())
        try Self.roundTrip(DeliveryEvent(status: .read, at: .epoch))
    }

    @Test("A campaign decodes from the API's JSON, with variables written either way")
    func campaign() throws {
        let campaign = try Self.decode(
            Campaign.self,
            #"""
            {
              "id": "spring", "name": "Spring sale", "phone_number_id": "106540352242922",
              "portfolio_id": "102290129340398", "category": "MARKETING",
              "message": {"type": "template", "template": {
                "name": "spring_sale", "language_code": "de",
                "components": [
                  {"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn/{{city}}.png"}}]},
                  {"type": "body", "parameters": [
                    {"type": "text", "variable": "first_name"},
                    {"type": "text", "text": "{{discount}} %"},
                    {"type": "currency", "currency": {"fallback_value": "5 €", "code": "EUR", "amount_1000": 5000}}
                  ]},
                  {"type": "button", "sub_type": "url", "index": 0, "parameters": [{"type": "text", "text": "{{code}}"}]}
                ]}},
              "schedule": {"start_at": 1767225600000},
              "limits": {"messages_per_second": 20},
              "state": {"status": "paused", "pause_reason": "error_rate"}
            }
            """#)
        #expect(campaign.state == .paused(.errorRate))
        #expect(campaign.schedule.startAt == Timestamp(millisecondsSinceEpoch: 1_767_225_600_000))
        #expect(campaign.limits == CampaignLimits(messagesPerSecond: 20))
        #expect(campaign.message.variableNames == ["city", "first_name", "discount", "code"])
        guard case .template(let template) = campaign.message else {
            Issue.record("expected a template")
            return
        }
        #expect(template.components[1].parameters[0] == .text(.variable("first_name")))
        #expect(
            template.components[1].parameters[2]
                == .currency(fallback: "5 €", code: "EUR", amount1000: TextPattern(segments: [.literal("5000")])))
        try Self.roundTrip(campaign)
    }

    @Test("A malformed placeholder in a campaign is a decoding error that says what is wrong")
    func malformedPattern() {
        let error = #expect(throws: DecodingError.self) {
            try Self.decode(TextSpec.self, #"{"body": "Hi {{first_name", "preview_url": false}"#)
        }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription.contains("no closing"))
    }

    @Test("Recipients, campaign states and tiers")
    func smallTypes() throws {
        #expect(
            try Self.decode(Recipient.self, #"{"phone": "+49 151 2345 6789", "opted_in": true}"#)
                == Recipient(phone: "+49 151 2345 6789", optedIn: true))
        try Self.roundTripWritten(Recipient(phone: "0049 151", variables: ["a": "b"], optedIn: false))
        #expect(try Self.json(CampaignState.running) == #"{"status":"running"}"#)
        #expect(throws: DecodingError.self) { try Self.decode(CampaignState.self, #"{"status":"paused"}"#) }
        #expect(try Self.json([MessagingTier.unlimited, .tier2K]) == "[-1,2000]")
        #expect(try Self.decode([MessagingTier].self, "[-1,100000]") == [.unlimited, .tier100K])
        #expect(throws: DecodingError.self) { try Self.decode([MessagingTier].self, "[10]") }
    }
}

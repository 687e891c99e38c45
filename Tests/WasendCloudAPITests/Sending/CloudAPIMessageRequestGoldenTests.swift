import Foundation
import Testing
import WasendCloudAPI
import WasendCore

@Suite("Send request bodies built from jobs")
struct CloudAPIMessageRequestGoldenTests {
    private func job(_ message: MessageContent) throws -> SendJob {
        let recipient = try PhoneNumber(e164Digits: "4915112345678")
        return SendJob(
            jobID: JobID(rawValue: "j0123456789abcdef0123456789abcdef"), campaignID: "spring-sale",
            phoneNumberID: "106540352242922", portfolioID: "portfolio-1", recipient: recipient,
            category: .marketing, message: message)
    }

    /// The body as sent, re-serialised with sorted keys so the comparison does not depend on key order.
    private func canonical(_ bytes: [UInt8]) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(bytes))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func templateWithEveryParameterKind() throws {
        let template = TemplateMessage(
            name: "spring_offer", languageCode: "en_US",
            components: [
                .header([.image(.link("https://cdn.example.com/spring.png"))]),
                .body([
                    .text("Ada"),
                    .currency(fallback: "€1.50", code: "EUR", amount1000: 1_500),
                    .dateTime(fallback: "March 21, 2026"),
                    .document(.id("doc-77")),
                    .video(.id("vid-5")),
                ]),
                .button(.quickReply, index: 0, [.payload("STOP_PROMOS")]),
                .button(.url, index: 1, [.text("spring-2026")]),
            ])
        let body = CloudAPIMessageRequest(job: try job(.template(template))).encodedBody()
        let expected = """
            {"biz_opaque_callback_data":"spring-sale/j0123456789abcdef0123456789abcdef","messaging_product":"whatsapp",\
            "recipient_type":"individual","template":{"components":[\
            {"parameters":[{"image":{"link":"https://cdn.example.com/spring.png"},"type":"image"}],"type":"header"},\
            {"parameters":[{"text":"Ada","type":"text"},\
            {"currency":{"amount_1000":1500,"code":"EUR","fallback_value":"€1.50"},"type":"currency"},\
            {"date_time":{"fallback_value":"March 21, 2026"},"type":"date_time"},\
            {"document":{"id":"doc-77"},"type":"document"},\
            {"type":"video","video":{"id":"vid-5"}}],"type":"body"},\
            {"index":"0","parameters":[{"payload":"STOP_PROMOS","type":"payload"}],"sub_type":"quick_reply","type":"button"},\
            {"index":"1","parameters":[{"text":"spring-2026","type":"text"}],"sub_type":"url","type":"button"}],\
            "language":{"code":"en_US"},"name":"spring_offer"},"to":"4915112345678","type":"template"}
            """
        #expect(try canonical(body) == expected)
    }

    @Test func templateWithoutParametersOmitsComponents() throws {
        let body = CloudAPIMessageRequest(
            job: try job(.template(TemplateMessage(name: "hello_world", languageCode: "en_US")))
        ).encodedBody()
        #expect(
            try canonical(body)
                == #"{"biz_opaque_callback_data":"spring-sale/j0123456789abcdef0123456789abcdef","messaging_product":"whatsapp","recipient_type":"individual","template":{"language":{"code":"en_US"},"name":"hello_world"},"to":"4915112345678","type":"template"}"#
        )
    }

    @Test func textMessage() throws {
        let body = CloudAPIMessageRequest(
            job: try job(.text(TextMessage(body: "Your order https://shop.example/o/1 ships today", previewURL: true)))
        ).encodedBody()
        #expect(
            try canonical(body)
                == #"{"biz_opaque_callback_data":"spring-sale/j0123456789abcdef0123456789abcdef","messaging_product":"whatsapp","recipient_type":"individual","text":{"body":"Your order https://shop.example/o/1 ships today","preview_url":true},"to":"4915112345678","type":"text"}"#
        )
    }

    @Test func requestDecodesBackToTheSameValue() throws {
        let request = CloudAPIMessageRequest(
            job: try job(.template(TemplateMessage(name: "t", languageCode: "de", components: [.body([.text("x")])]))))
        let decoded = try JSONDecoder().decode(CloudAPIMessageRequest.self, from: Data(request.encodedBody()))
        #expect(decoded == request)
        #expect(decoded.bizOpaqueCallbackData == "spring-sale/j0123456789abcdef0123456789abcdef")
    }
}

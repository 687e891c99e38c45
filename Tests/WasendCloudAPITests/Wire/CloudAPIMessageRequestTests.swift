import Foundation
import Testing
import WasendCloudAPI

@Suite("Send request and response wire types")
struct CloudAPIMessageRequestTests {
    @Test func decodesRecordedTemplateRequestWithNumericRecipient() throws {
        let body = try Sample.recordedRequestBody("send_success_template_accepted_real")
        let request = try JSONDecoder().decode(CloudAPIMessageRequest.self, from: Data(body))
        #expect(request.to == "13437772910")
        #expect(request.type == "template")
        #expect(request.template?.name == "sample_shipping_confirmation")
        #expect(request.template?.language.code == "en_US")
        #expect(request.template?.components?.first?.parameters?.first?.text == "2 hours")
        #expect(request.bizOpaqueCallbackData == nil)
    }

    @Test func writesOnlyPresentKeysInSnakeCase() {
        let request = CloudAPIMessageRequest(
            to: "4915112345678", type: "text", text: .init(body: "hi", previewURL: false),
            bizOpaqueCallbackData: "job-1")
        let json = String(decoding: request.encodedBody(), as: UTF8.self)
        #expect(
            json
                == #"{"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"text","text":{"body":"hi","preview_url":false},"biz_opaque_callback_data":"job-1"}"#
        )
    }

    @Test func sendResponseWithAndWithoutMessageStatus() throws {
        let accepted = try JSONDecoder().decode(
            CloudAPISendResponse.self,
            from: Data(try Sample.recordedResponse("send_success_template_accepted_real").body))
        #expect(accepted.messages.first?.messageStatus == "accepted")
        #expect(accepted.contacts?.first == .init(input: "13437772910", waID: "13437772910"))

        let minimal = try JSONDecoder().decode(
            CloudAPISendResponse.self, from: Data(try Sample.bytes("send_success_minimal")))
        #expect(minimal.messages == [.init(id: "wamid.foobar")])
    }

    @Test func graphErrorBody() throws {
        let response = try JSONDecoder().decode(
            GraphErrorResponse.self, from: Data(try Sample.bytes("error_130429_sync_meta_doc")))
        #expect(response.error.code == 130429)
        #expect(response.error.errorSubcode == 2_494_055)
        #expect(response.error.errorData?.details == "Cloud API message throughput has been reached.")
        #expect(response.error.fbtraceID == "Az8or2yhqkZfEZ-_4Qn_Bam")
        #expect(response.error.type == "OAuthException")
    }
}

import Testing
import WasendCloudAPI
import WasendCore

@Suite("Send responses")
struct SendResponseParserTests {
    private func failure(_ outcome: CloudAPISendOutcome) -> CloudAPIError? {
        guard case .failed(let error) = outcome else { return nil }
        return error
    }

    @Test(arguments: [
        ("send_success_template_accepted_real", "wamid.HBgLMTM0Mzc3NzI5MTAVAgARGBI2REE3M0I0NEYzQjM1NkI2MDcA"),
        ("send_success_text_real", "wamid.HBgLMTM0Mzc3NzI5MTAVAgARGBIyQzU4M0Q4MDc2NDY4ODgwNjUA"),
        ("send_success_image_by_media_id_real", "wamid.HBgLMTM0Mzc3NzI5MTAVAgARGBIyM0NGQkQ5RDA3NkRDNjREODMA"),
        ("send_success_interactive_buttons_real", "wamid.HBgLMTM0Mzc3NzI5MTAVAgARGBI4MUQwRUE5NEZGRjFDNzA0QTkA"),
    ])
    func recordedSuccess(sample: String, wamid: String) throws {
        let response = try Sample.recordedResponse(sample)
        #expect(response.status == 200)
        #expect(
            SendResponseParser.outcome(httpStatus: response.status, body: response.body)
                == .accepted(
                    CloudAPISendOutcome.Acceptance(wamid: wamid, messageStatus: .accepted, waID: "13437772910")))
    }

    @Test func minimalSuccess() throws {
        #expect(
            SendResponseParser.outcome(httpStatus: 200, body: try Sample.bytes("send_success_minimal"))
                == .accepted(
                    CloudAPISendOutcome.Acceptance(wamid: "wamid.foobar", messageStatus: .accepted, waID: "123456789")))
    }

    @Test(arguments: [
        ("held_for_quality_assessment", SendResult.AcceptedMessageStatus.heldForQualityAssessment),
        ("paused", .paused),
        ("accepted", .accepted),
        ("queued_for_later", .accepted),
    ])
    func messageStatus(wireValue: String, expected: SendResult.AcceptedMessageStatus) {
        let body = #"{"messaging_product":"whatsapp","messages":[{"id":"wamid.X","message_status":"\#(wireValue)"}]}"#
        #expect(
            SendResponseParser.outcome(httpStatus: 200, body: Array(body.utf8))
                == .accepted(CloudAPISendOutcome.Acceptance(wamid: "wamid.X", messageStatus: expected)))
    }

    @Test func rateLimitError() throws {
        let error = try #require(
            failure(SendResponseParser.outcome(httpStatus: 400, body: try Sample.bytes("error_130429_sync_meta_doc"))))
        #expect(error.code == 130429)
        #expect(error.subcode == 2_494_055)
        #expect(error.details == "Cloud API message throughput has been reached.")
        #expect(error.fbtraceID == "Az8or2yhqkZfEZ-_4Qn_Bam")
        #expect(error.httpStatus == 400)
        #expect(error.message == "(#130429) Rate limit hit")
        #expect(error.advice == ErrorClassification.advice(forCode: 130429))
        #expect(error.advice.errorClass == .throttled)
        #expect(error.advice.scope == .phoneNumber)
    }

    @Test func invalidParameterError() throws {
        let response = try Sample.recordedResponse("error_100_invalid_parameter_real")
        let error = try #require(failure(SendResponseParser.outcome(httpStatus: response.status, body: response.body)))
        #expect(error.code == 100)
        #expect(error.subcode == nil)
        #expect(error.httpStatus == 400)
        #expect(error.details == "Please check the message ID you have provided.")
        #expect(error.fbtraceID == "A3PJ2-1aODhbAGAh66zQkwf")
        #expect(error.advice.errorClass == .permanent)
    }

    @Test func unknownPhoneNumberIDError() throws {
        let response = try Sample.recordedResponse("error_100_subcode33_bad_phone_number_id_real")
        let error = try #require(failure(SendResponseParser.outcome(httpStatus: response.status, body: response.body)))
        #expect(error.code == 100)
        #expect(error.subcode == 33)
        #expect(error.type == "GraphMethodException")
        #expect(error.fbtraceID == "AzJYAMZdf4WaDlLDXeqjTr9")
        #expect(error.advice.errorClass == .permanent)
    }

    @Test func managementErrorWithUserTexts() throws {
        let response = try Sample.recordedResponse("error_100_subcode2593002_template_not_found_real")
        let error = try #require(failure(SendResponseParser.outcome(httpStatus: response.status, body: response.body)))
        #expect(error.code == 100)
        #expect(error.subcode == 2_593_002)
        #expect(error.title == "Message Template Not Found")
        #expect(error.details == "The message template fake name wasn't found for this account.")
    }

    @Test(arguments: [
        (502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"),
        (503, ""),
        (200, #"{"messaging_product":"whatsapp","messa"#),
        (200, #"{"messaging_product":"whatsapp","messages":[]}"#),
        (400, "Bad Request"),
    ])
    func unreadableBodiesAreTransient(status: Int, body: String) throws {
        let error = try #require(failure(SendResponseParser.outcome(httpStatus: status, body: Array(body.utf8))))
        #expect(error.code == nil)
        #expect(error.httpStatus == status)
        #expect(error.advice.errorClass == .transient)
        #expect(error.advice.retryable)
        #expect(error.mayHaveBeenTaken == (200..<300).contains(status), "a 2xx cut short may have been taken")
    }

    @Test func bareTooManyRequestsIsThrottled() throws {
        let error = try #require(failure(SendResponseParser.outcome(httpStatus: 429, body: Array("slow down".utf8))))
        #expect(error.advice.errorClass == .throttled)
    }

    @Test func tokenErrorStopsTheSender() throws {
        let body =
            #"{"error":{"message":"Error validating access token","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"T"}}"#
        let error = try #require(failure(SendResponseParser.outcome(httpStatus: 401, body: Array(body.utf8))))
        #expect(error.advice.errorClass == .stopSender)
        #expect(error.advice.retryTiming == .afterResume)
    }

    @Test func acceptedBecomesAResultRecord() {
        let outcome = CloudAPISendOutcome.accepted(.init(wamid: "wamid.A", messageStatus: .heldForQualityAssessment))
        #expect(outcome.sendResult == .accepted(wamid: "wamid.A", messageStatus: .heldForQualityAssessment))
    }

    @Test func failuresBecomeResultRecords() throws {
        let graph = SendResponseParser.outcome(httpStatus: 400, body: try Sample.bytes("error_130429_sync_meta_doc"))
        #expect(
            graph.sendResult
                == .failed(
                    code: 130429, errorClass: .throttled, details: "Cloud API message throughput has been reached."))
        let unreadable = SendResponseParser.outcome(httpStatus: 502, body: Array("<html>".utf8))
        #expect(
            unreadable.sendResult
                == .failed(
                    code: SendResult.transportFailureCode, errorClass: .transient,
                    details: "HTTP 502 with a body that is not a Graph API response (6 bytes)"))
    }
}

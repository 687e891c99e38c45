import Foundation
import Testing
import WasendCloudAPI
import WasendCore
import WasendHTTP

@Suite("Graph API requests")
struct CloudAPIRequestFactoryTests {
    let factory = CloudAPIRequestFactory(
        configuration: .init(baseURL: "http://127.0.0.1:8080/", apiVersion: "v23.0", accessToken: "EAAG-test-token"))

    @Test func sendRequest() throws {
        let job = SendJob(
            jobID: JobID(rawValue: "j1"), campaignID: "c", phoneNumberID: "106540352242922", portfolioID: "p",
            recipient: try PhoneNumber(e164Digits: "4915112345678"), category: .utility,
            message: .text(TextMessage(body: "hi")))
        let request = factory.send(job)
        #expect(request.method == .post)
        #expect(request.url == "http://127.0.0.1:8080/v23.0/106540352242922/messages")
        #expect(request.headers["authorization"] == "Bearer EAAG-test-token")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.timeout == .seconds(15))
        let body = try JSONDecoder().decode(CloudAPIMessageRequest.self, from: Data(try #require(request.body)))
        #expect(body.to == "4915112345678")
        #expect(body.bizOpaqueCallbackData == "c/j1")
    }

    @Test func phoneNumberRead() {
        let request = factory.phoneNumber(id: "106540352242922")
        #expect(request.method == .get)
        #expect(
            request.url
                == "http://127.0.0.1:8080/v23.0/106540352242922?fields=display_phone_number%2Cverified_name%2Cquality_rating%2Cthroughput%2Cwhatsapp_business_manager_messaging_limit"
        )
        #expect(request.headers["Authorization"] == "Bearer EAAG-test-token")
        #expect(request.body == nil)
    }

    @Test func templatePages() {
        #expect(
            factory.messageTemplates(businessAccountID: "102290129340398").url
                == "http://127.0.0.1:8080/v23.0/102290129340398/message_templates?fields=id%2Cname%2Clanguage%2Cstatus%2Ccategory%2Ccomponents&limit=100"
        )
        #expect(
            factory.messageTemplates(businessAccountID: "102290129340398", after: "QVFIU=").url.hasSuffix(
                "&limit=100&after=QVFIU%3D"))
    }

    @Test func idsCannotEscapeTheirPathSegment() {
        #expect(
            factory.phoneNumber(id: "1/../../me?x=1").url.hasPrefix(
                "http://127.0.0.1:8080/v23.0/1%2F..%2F..%2Fme%3Fx%3D1?"))
    }

    @Test func theTokenNeverPrints() {
        let configuration = CloudAPIClient.Configuration(accessToken: "EAAG-test-token")
        #expect(!String(describing: configuration).contains("EAAG"))
        #expect(!String(reflecting: configuration).contains("EAAG"))
        #expect(String(describing: configuration.accessToken) == "<redacted>")
    }

    @Test func phoneNumberInfoDecodesTheTier() throws {
        let body =
            #"{"verified_name":"Wasend Demo","display_phone_number":"+1 555-078-3881","quality_rating":"GREEN","throughput":{"level":"STANDARD"},"whatsapp_business_manager_messaging_limit":"TIER_2K","id":"106540352242922"}"#
        let info = try JSONDecoder().decode(PhoneNumberInfo.self, from: Data(body.utf8))
        #expect(info.throughput?.level == "STANDARD")
        #expect(info.qualityRating == "GREEN")
        #expect(info.messagingTier == .tier2K)
    }

    @Test(arguments: [
        ("TIER_250", MessagingTier?.some(.tier250)),
        ("TIER_1K", .tier250),
        ("TIER_2K", .tier2K),
        ("TIER_10K", .tier10K),
        ("TIER_100K", .tier100K),
        ("TIER_UNLIMITED", .unlimited),
        ("TIER_50", nil),
        ("TIER_", nil),
        ("TIER_K", nil),
        ("UNKNOWN", nil),
    ])
    func messagingTierNames(name: String, expected: MessagingTier?) {
        #expect(MessagingTier(tierName: name) == expected)
    }
}

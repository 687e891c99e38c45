import Foundation
import Testing
import WasendCloudAPI

@testable import WasendSimulator

@Suite("Send response template")
struct SendResponseTemplateTests {
    @Test("the filled body decodes as the provider's response, whatever characters the input holds")
    func roundTrip() throws {
        let body = SendResponseTemplate().body(input: "+1 \"555\"\\\t0001", waID: "15550001", messageID: "wamid.HBgLMTU1NTAwMDE=")
        let response = try JSONDecoder().decode(CloudAPISendResponse.self, from: Data(body))
        #expect(response.messagingProduct == "whatsapp")
        #expect(response.contacts == [.init(input: "+1 \"555\"\\\t0001", waID: "15550001")])
        #expect(response.messages == [.init(id: "wamid.HBgLMTU1NTAwMDE=", messageStatus: "accepted")])
    }
}

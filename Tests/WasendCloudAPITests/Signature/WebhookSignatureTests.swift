import Testing
import WasendCloudAPI

@Suite("Webhook signature")
struct WebhookSignatureTests {
    let signature = WebhookSignature(appSecret: "app-secret")
    let body = Array(#"{"object":"whatsapp_business_account","entry":[]}"#.utf8)

    @Test func signsWithKnownHMACVector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let header = WebhookSignature(appSecret: "Jefe").sign(Array("what do ya want for nothing?".utf8))
        #expect(header == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func verifiesItsOwnSignature() throws {
        try signature.verify(body, header: signature.sign(body))
    }

    @Test func acceptsUppercaseHex() throws {
        let header = signature.sign(body)
        try signature.verify(body, header: "sha256=" + header.dropFirst("sha256=".count).uppercased())
    }

    @Test func rejectsWrongSecret() {
        let header = WebhookSignature(appSecret: "other-secret").sign(body)
        #expect(throws: WebhookSignatureError.mismatch) { try signature.verify(body, header: header) }
    }

    @Test func rejectsTamperedBody() {
        let header = signature.sign(body)
        var tampered = body
        tampered[tampered.count - 2] = UInt8(ascii: "{")
        #expect(throws: WebhookSignatureError.mismatch) { try signature.verify(tampered, header: header) }
    }

    @Test func rejectsMissingHeader() {
        #expect(throws: WebhookSignatureError.missingHeader) { try signature.verify(body, header: nil) }
        #expect(throws: WebhookSignatureError.missingHeader) { try signature.verify(body, header: "") }
    }

    @Test(arguments: [
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",  // no prefix
        "sha1=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "sha256=",
        "sha256=5bdcc146",  // too short
        "sha256=zzdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",  // not hex
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384",  // odd length
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384300",  // too long
    ])
    func rejectsMalformedHeader(header: String) {
        #expect(throws: WebhookSignatureError.malformedHeader) { try signature.verify(body, header: header) }
    }
}

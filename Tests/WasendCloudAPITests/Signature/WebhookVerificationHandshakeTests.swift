import Testing
import WasendCloudAPI

@Suite("Webhook verification handshake")
struct WebhookVerificationHandshakeTests {
    let handshake = WebhookVerificationHandshake(verifyToken: "s3cret-token")

    @Test func echoesTheChallengeWhenTheTokenMatches() {
        let outcome = handshake.respond(query: [
            "hub.mode": "subscribe", "hub.verify_token": "s3cret-token", "hub.challenge": "1158201444",
        ])
        #expect(outcome == .accept(challenge: "1158201444"))
    }

    @Test func rejectsAWrongToken() {
        #expect(
            handshake.respond(mode: "subscribe", verifyToken: "s3cret-tokeN", challenge: "1")
                == .reject(.tokenMismatch))
        #expect(handshake.respond(mode: "subscribe", verifyToken: "s3cret", challenge: "1") == .reject(.tokenMismatch))
        #expect(handshake.respond(mode: "subscribe", verifyToken: nil, challenge: "1") == .reject(.tokenMismatch))
    }

    @Test func rejectsAnotherMode() {
        #expect(
            handshake.respond(mode: "unsubscribe", verifyToken: "s3cret-token", challenge: "1")
                == .reject(.modeNotSubscribe))
        #expect(handshake.respond(mode: nil, verifyToken: "s3cret-token", challenge: "1") == .reject(.modeNotSubscribe))
    }

    @Test func rejectsAMissingChallenge() {
        #expect(
            handshake.respond(mode: "subscribe", verifyToken: "s3cret-token", challenge: nil)
                == .reject(.missingChallenge))
        #expect(
            handshake.respond(mode: "subscribe", verifyToken: "s3cret-token", challenge: "")
                == .reject(.missingChallenge))
    }
}

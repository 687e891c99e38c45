/// The GET handshake Meta performs when a webhook URL is registered:
/// `?hub.mode=subscribe&hub.verify_token=T&hub.challenge=C` must be answered 200 with body `C`
/// when `T` is the configured token, and 403 otherwise. A pure function, so the HTTP layer only
/// maps the outcome to a response.
public struct WebhookVerificationHandshake: Sendable {
    public enum Outcome: Hashable, Sendable {
        /// Answer 200 with exactly this body.
        case accept(challenge: String)
        /// Answer 403.
        case reject(Rejection)
    }

    public enum Rejection: Hashable, Sendable {
        case modeNotSubscribe
        case tokenMismatch
        case missingChallenge
    }

    private let verifyToken: String

    /// - Parameter verifyToken: the token configured in Meta's app dashboard; never printed.
    public init(verifyToken: String) {
        self.verifyToken = verifyToken
    }

    public func respond(mode: String?, verifyToken candidate: String?, challenge: String?) -> Outcome {
        guard mode == "subscribe" else { return .reject(.modeNotSubscribe) }
        guard let candidate, Self.constantTimeEquals(candidate, verifyToken) else { return .reject(.tokenMismatch) }
        guard let challenge, !challenge.isEmpty else { return .reject(.missingChallenge) }
        return .accept(challenge: challenge)
    }

    /// The same, from the decoded query parameters (`hub.mode`, `hub.verify_token`, `hub.challenge`).
    public func respond(query: [String: String]) -> Outcome {
        respond(mode: query["hub.mode"], verifyToken: query["hub.verify_token"], challenge: query["hub.challenge"])
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token's prefix.
    private static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices {
            difference |= left[index] ^ right[index]
        }
        return difference == 0
    }
}

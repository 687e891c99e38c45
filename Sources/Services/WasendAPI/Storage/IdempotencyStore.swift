/// Remembers the first answer to a request made with an `Idempotency-Key`, per tenant, for a while.
public protocol IdempotencyStore: Sendable {
    /// Reserves the key for this request, or tells what happened to it before.
    func claim(tenantID: String, key: String, fingerprint: String, ttl: Duration) async throws -> IdempotencyClaim
    /// Stores the answer to replay.
    func complete(
        tenantID: String, key: String, fingerprint: String, response: StoredResponse, ttl: Duration
    ) async throws
    /// Forgets a claim whose request failed on our side (5xx), so that the retry runs again.
    func release(tenantID: String, key: String) async throws
}

public enum IdempotencyClaim: Sendable, Hashable {
    /// First use: go ahead.
    case claimed
    /// The first request is still running.
    case inProgress
    /// Already answered: replay this.
    case completed(StoredResponse)
    /// The key was used for a different request (method and path).
    case fingerprintMismatch
}

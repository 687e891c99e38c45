import HTTPTypes
import Hummingbird
import Logging
import WasendTenants

/// Runs a create or an upload at most once per `Idempotency-Key` (per tenant, for the TTL) and
/// replays the first answer to retries. The key is bound to the method and path: reusing it for
/// another request is a 422. Answers in 2xx and 4xx are kept (a rejected upload stays rejected);
/// a 5xx is not, so a retry after our own failure runs again.
struct IdempotencyGuard: Sendable {
    static let header = HTTPField.Name("Idempotency-Key")!

    let store: any IdempotencyStore
    let ttl: Duration

    func run(
        _ request: Request, tenant: Tenant, logger: Logger,
        operation: () async throws -> StoredResponse
    ) async throws -> StoredResponse {
        guard let key = request.headers[Self.header] else { return try await operation() }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIError.invalidField(Self.header.rawName, "must be 1 to 255 visible ASCII characters")
        }
        let fingerprint = "\(request.method.rawValue) \(request.uri.path)"
        switch try await store.claim(tenantID: tenant.id, key: key, fingerprint: fingerprint, ttl: ttl) {
        case .completed(let response):
            return response
        case .inProgress:
            throw APIError(
                .conflict, code: "idempotency_key_in_use",
                message: "a request with this Idempotency-Key is still being processed", field: Self.header.rawName)
        case .fingerprintMismatch:
            throw APIError.unprocessable(
                Self.header.rawName, code: "idempotency_key_reused",
                "this Idempotency-Key was used for a different request")
        case .claimed:
            break
        }
        let response: StoredResponse
        do {
            response = try await operation()
        } catch let error as APIError where error.status.code < 500 {
            try await store.complete(
                tenantID: tenant.id, key: key, fingerprint: fingerprint, response: try StoredResponse(error), ttl: ttl)
            throw error
        } catch {
            do {
                try await store.release(tenantID: tenant.id, key: key)
            } catch let releaseError {
                logger.warning(
                    "could not release an Idempotency-Key; retries get 409 until it expires",
                    metadata: ["error": "\(releaseError)"])
            }
            throw error
        }
        try await store.complete(tenantID: tenant.id, key: key, fingerprint: fingerprint, response: response, ttl: ttl)
        return response
    }
}

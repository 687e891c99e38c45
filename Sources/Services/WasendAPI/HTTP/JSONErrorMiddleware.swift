import Hummingbird
import WasendCampaigns
import WasendRedis

/// Makes every failure, Hummingbird's own included (unknown route, wrong method, body too large),
/// answer in the ``APIError`` shape, and hides unexpected errors behind a 500 that says nothing internal.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw APIError(translating: error)
        } catch let error as DecodingError {
            throw APIError(decoding: error)
        } catch let error as DependencyUnavailable {
            context.logger.error("dependency unavailable", metadata: ["dependency": "\(error.dependency)", "error": "\(error.underlying)"])
            throw APIError.dependencyUnavailable
        } catch let error as RedisError {
            context.logger.error("dependency unavailable", metadata: ["dependency": "redis", "error": "\(error)"])
            throw APIError.dependencyUnavailable
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            throw APIError(.internalServerError, code: "internal_error", message: "the request failed; it can be retried")
        }
    }
}

extension APIError {
    init(translating error: HTTPError) {
        let code =
            switch error.status {
            case .notFound: "not_found"
            case .methodNotAllowed: "method_not_allowed"
            case .contentTooLarge: "body_too_large"
            case .unauthorized: "unauthorized"
            default: error.status.code < 500 ? "bad_request" : "internal_error"
            }
        self.init(error.status, code: code, message: error.body ?? error.status.reasonPhrase, headers: error.headers)
    }
}

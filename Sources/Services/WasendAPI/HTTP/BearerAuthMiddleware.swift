import Hummingbird
import WasendTenants

/// `Authorization: Bearer <key>` → the key's tenant, or 401 before any handler runs.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let directory: TenantDirectory

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization],
            header.count > 7, header.prefix(7).lowercased() == "bearer ",
            let tenant = directory.tenant(apiKey: String(header.dropFirst(7)).trimmingASCIISpaces())
        else {
            throw APIError.unauthorized
        }
        var context = context
        context.tenant = tenant
        context.logger[metadataKey: "tenant"] = "\(tenant.id)"
        return try await next(request, context)
    }
}

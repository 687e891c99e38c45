import Hummingbird
import WasendTenants

/// Carries the tenant that the bearer key authenticated, from the auth middleware to the handlers.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``BearerAuthMiddleware`` on every `/v1` route.
    public var tenant: Tenant?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// The authenticated tenant; a route reached without one is a wiring mistake, answered as 401.
    func authenticatedTenant() throws(APIError) -> Tenant {
        guard let tenant else { throw .unauthorized }
        return tenant
    }
}

import Hummingbird
import ServiceLifecycle

/// `wasend api` as a swift-service-lifecycle `Service`: serves until the group shuts down, then
/// finishes the requests under way (Hummingbird's graceful shutdown) before returning.
public struct APIService: Service {
    private let api: CampaignAPI

    public init(api: CampaignAPI) {
        self.api = api
    }

    public func run() async throws {
        try await api.buildApplication().run()
    }
}

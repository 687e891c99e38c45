import Hummingbird
import NIOCore
import WasendCampaigns

extension CampaignController {
    /// How often a progress stream looks at the campaign's counters.
    static let progressInterval: Duration = .seconds(1)
    /// The longest one stream lasts; a client that wants more connects again.
    static let progressStreamLimit: Duration = .seconds(3600)

    /// `GET /v1/campaigns/{id}/events`: the campaign as `GET /v1/campaigns/{id}` shows it, as
    /// server-sent events (`event: progress`), each time it changed, checked every
    /// ``progressInterval``. The stream ends after the event that shows the campaign completed or
    /// cancelled, after ``progressStreamLimit``, or when the client leaves (the next write fails).
    /// It holds one campaign in memory, whatever the campaign's size.
    @Sendable func events(_ request: Request, context: APIRequestContext) async throws -> Response {
        let first = try await ownedCampaign(context)
        let store = self.store
        let body = ResponseBody { writer in
            let deadline = ContinuousClock.now + Self.progressStreamLimit
            var campaign = first
            var shown: String?
            while true {
                let view = try StoredResponse.json(.ok, CampaignView(campaign: campaign)).body
                if view != shown {
                    try await writer.write(ByteBuffer(string: "event: progress\ndata: \(view)\n\n"))
                    shown = view
                }
                guard !campaign.record.campaign.state.status.isFinal, ContinuousClock.now < deadline else { break }
                try await Task.sleep(for: Self.progressInterval)
                guard let next = try await store.campaign(id: first.record.id) else { break }
                campaign = next
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }
}

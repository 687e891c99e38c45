import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import WasendCampaigns
import WasendCore

/// `/v1/campaigns…`: create, read, list, upload recipients, and move through the lifecycle.
///
/// Writes go through ``CampaignLifecycle`` to Kafka (`wasend.campaigns`, the source of truth) and
/// Redis (the copy that the API answers from and that senders poll).
struct CampaignController: Sendable {
    let configuration: APIConfiguration
    let publisher: any RecordPublisher
    let store: any CampaignStore
    let lifecycle: CampaignLifecycle
    let idempotency: IdempotencyGuard

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.post("campaigns", use: create)
        group.get("campaigns", use: list)
        group.get("campaigns/{id}", use: show)
        group.get("campaigns/{id}/events", use: events)
        group.post("campaigns/{id}/recipients", use: uploadRecipients)
        for command in LifecycleCommand.allCases {
            group.post(RouterPath("campaigns/{id}/\(command.rawValue)")) { request, context in
                try await transition(command, request: request, context: context)
            }
        }
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> StoredResponse {
        let tenant = try context.authenticatedTenant()
        return try await idempotency.run(request, tenant: tenant, logger: context.logger) {
            let body = try await collectJSONBody(request)
            let create: CreateCampaignRequest
            do {
                create = try Self.decoder.decode(CreateCampaignRequest.self, from: body)
            } catch let error as DecodingError {
                throw APIError(decoding: error)
            }
            let now = Timestamp.now
            let record = CampaignRecord(
                campaign: try create.campaign(id: CampaignRecord.newID(), for: tenant), tenantID: tenant.id,
                version: 1, createdAt: now, updatedAt: now)
            try await lifecycle.create(record)
            var received: Int64 = 0
            if !create.recipients.isEmpty {
                var upload = newUpload(campaignID: record.id)
                try await upload.add(create.recipients.map(\.recipient))
                let commit = try await upload.commit()
                try await store.addRecipientsReceived(campaignID: record.id, count: commit.recipients)
                received = Int64(commit.recipients)
            }
            Counter(label: "wasend_api_campaigns_created_total").increment()
            context.logger.info("campaign created", metadata: ["campaign_id": "\(record.id)", "recipients": "\(received)"])
            let stored = StoredCampaign(record: record, recipientsReceived: received, counters: CampaignCounters())
            return try .json(.created, CampaignView(campaign: stored))
        }
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> StoredResponse {
        let campaign = try await ownedCampaign(context)
        return try .json(.ok, CampaignView(campaign: campaign))
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> StoredResponse {
        let tenant = try context.authenticatedTenant()
        let query = request.uri.queryParameters
        var limit = configuration.defaultPageSize
        if let text = query["limit"] {
            guard let value = Int(String(text)), (1...configuration.maxPageSize).contains(value) else {
                throw APIError.invalidField("limit", "must be an integer from 1 to \(configuration.maxPageSize)")
            }
            limit = value
        }
        var offset = 0
        if let text = query["cursor"] {
            guard let value = Int(String(text)), value >= 0 else {
                throw APIError.invalidField("cursor", "must be a next_cursor from a previous page")
            }
            offset = value
        }
        let page = try await store.campaignIDs(tenantID: tenant.id, offset: offset, limit: limit)
        var campaigns: [CampaignView] = []
        for id in page.ids {
            if let campaign = try await store.campaign(id: id), campaign.record.tenantID == tenant.id {
                campaigns.append(CampaignView(campaign: campaign))
            }
        }
        let next = offset + page.ids.count < page.total ? String(offset + page.ids.count) : nil
        return try .json(.ok, CampaignPage(campaigns: campaigns, nextCursor: next, total: page.total))
    }

    func transition(
        _ command: LifecycleCommand, request: Request, context: APIRequestContext
    ) async throws -> StoredResponse {
        let current = try await ownedCampaign(context)
        let now = Timestamp.now
        let record: CampaignRecord
        do {
            record = try await lifecycle.apply(command.events(for: current.record.campaign, at: now), to: current.record, at: now)
        } catch let error as CampaignTransitionError {
            throw APIError(.conflict, code: "illegal_transition", message: error.description, field: "state")
        } catch is CampaignChangeConflict {
            throw APIError(
                .conflict, code: "concurrent_update", message: "the campaign changed meanwhile; read it and retry")
        }
        context.logger.info(
            "campaign state changed", metadata: ["campaign_id": "\(record.id)", "state": "\(record.campaign.state.status)"])
        var updated = current
        updated.record = record
        return try .json(.ok, CampaignView(campaign: updated))
    }

    /// The campaign, if it exists and belongs to the caller; another tenant's campaign is a 404,
    /// so ids cannot be probed across tenants.
    func ownedCampaign(_ context: APIRequestContext) async throws -> StoredCampaign {
        let tenant = try context.authenticatedTenant()
        let id = context.parameters.get("id") ?? ""
        guard let campaign = try await store.campaign(id: id), campaign.record.tenantID == tenant.id else {
            throw APIError.campaignNotFound(id)
        }
        return campaign
    }

    func newUpload(campaignID: String) -> RecipientUpload {
        RecipientUpload(
            campaignID: campaignID, uploadID: "upl_" + UUID().uuidString.lowercased(),
            topic: configuration.recipientsTopic, batchSize: configuration.recipientBatchSize,
            maxBatchBytes: configuration.maxBatchBytes, publisher: publisher)
    }

    private func collectJSONBody(_ request: Request) async throws -> Data {
        do {
            let buffer = try await request.body.collect(upTo: configuration.maxJSONBodyBytes)
            return Data(buffer: buffer)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: configuration.maxJSONBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.tooLarge(limit: configuration.maxJSONBodyBytes)
        }
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

struct CampaignPage: Encodable {
    var campaigns: [CampaignView]
    var nextCursor: String?
    var total: Int

    enum CodingKeys: String, CodingKey {
        case campaigns, total
        case nextCursor = "next_cursor"
    }
}

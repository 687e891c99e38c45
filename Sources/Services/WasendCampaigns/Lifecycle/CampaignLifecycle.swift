import Foundation
import WasendCore

/// Changes a campaign's lifecycle state the one way every service must: Redis first, by
/// compare-and-set on the version (two writers cannot both win), then `wasend.campaigns`, the
/// source of truth (undoing the Redis write if Kafka fails). The API (client commands), the
/// sender (auto-pause on failures) and the aggregator (pause on template or account problems,
/// completion) share it, so a campaign's record never differs between Redis and Kafka.
public struct CampaignLifecycle: Sendable {
    private let store: any CampaignStore
    private let publisher: any RecordPublisher
    private let campaignsTopic: String

    public init(store: any CampaignStore, publisher: any RecordPublisher, campaignsTopic: String) {
        self.store = store
        self.publisher = publisher
        self.campaignsTopic = campaignsTopic
    }

    /// Publishes and stores a new campaign: Kafka first, so a campaign in Redis is always in Kafka.
    public func create(_ record: CampaignRecord) async throws {
        try await publish(record)
        try await store.insert(record)
    }

    /// Applies `events` to `current` and writes the result. Throws ``CampaignTransitionError``
    /// when the events are illegal in the current state, and ``CampaignChangeConflict`` when
    /// another writer changed the campaign since `current` was read.
    @discardableResult
    public func apply(
        _ events: [CampaignEvent], to current: CampaignRecord, at now: Timestamp
    ) async throws -> CampaignRecord {
        var record = current
        for event in events { try record.campaign.apply(event) }
        record.version += 1
        record.updatedAt = now
        guard try await store.replace(record, expectedVersion: current.version) else {
            throw CampaignChangeConflict(campaignID: current.id)
        }
        do {
            try await publish(record)
        } catch {
            _ = try? await store.replace(current, expectedVersion: record.version)
            throw error
        }
        return record
    }

    private func publish(_ record: CampaignRecord) async throws {
        let value = try Self.encoder.encode(record)
        try await publisher.publish(topic: campaignsTopic, key: record.id, value: Array(value))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

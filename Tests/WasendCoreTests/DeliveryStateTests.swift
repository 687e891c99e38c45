import Testing
import WasendCore

@Suite("Delivery state")
struct DeliveryStateTests {
    static func at(_ seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: seconds) }

    static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index in
            var rest = items
            let head = rest.remove(at: index)
            return permutations(rest).map { [head] + $0 }
        }
    }

    /// Event sets with the status every ordering of them must end in.
    static let histories: [(events: [DeliveryEvent], status: DeliveryStatus)] = [
        ([.init(status: .accepted, at: at(0)), .init(status: .sent, at: at(1)), .init(status: .delivered, at: at(2)),
          .init(status: .read, at: at(3))], .read),
        ([.init(status: .sent, at: at(1)), .init(status: .delivered, at: at(2)),
          .init(status: .failed, at: at(3), errorCode: 131026)], .delivered),
        ([.init(status: .sent, at: at(1)), .init(status: .failed, at: at(2), errorCode: 131026),
          .init(status: .read, at: at(5))], .read),
        ([.init(status: .accepted, at: at(0)), .init(status: .sent, at: at(1)),
          .init(status: .failed, at: at(2), errorCode: 131049)], .failed),
        ([.init(status: .accepted, at: at(0)), .init(status: .read, at: at(4))], .read),
        ([.init(status: .sent, at: at(1)), .init(status: .expired, at: at(100)),
          .init(status: .delivered, at: at(200))], .delivered),
        ([.init(status: .sent, at: at(1)), .init(status: .expired, at: at(100)),
          .init(status: .failed, at: at(50), errorCode: 131000)], .failed),
    ]

    @Test("Every ordering of the same events, with duplicates, gives the same state", arguments: histories.indices)
    func orderIndependent(history index: Int) {
        let (events, status) = Self.histories[index]
        let reference = DeliveryState(events)
        #expect(reference.status == status)
        // Each event twice: all orderings of the doubled list would be too many, so permute the
        // distinct events and replay each ordering with a duplicate of every event at each place.
        for ordering in Self.permutations(events) {
            #expect(DeliveryState(ordering) == reference)
            #expect(DeliveryState(ordering + ordering) == reference)
            #expect(DeliveryState(ordering.flatMap { [$0, $0] }) == reference)
            #expect(DeliveryState(ordering.reversed() + ordering) == reference)
        }
    }

    @Test("All orderings of sent, delivered, read and failed, each seen twice, end in read with the earliest times")
    func allOrderingsWithDuplicates() {
        let events: [DeliveryEvent] = [
            .init(status: .sent, at: Self.at(10)), .init(status: .sent, at: Self.at(12)),
            .init(status: .delivered, at: Self.at(20)), .init(status: .delivered, at: Self.at(20)),
            .init(status: .read, at: Self.at(30)), .init(status: .read, at: Self.at(31)),
            .init(status: .failed, at: Self.at(15), errorCode: 131026),
            .init(status: .failed, at: Self.at(15), errorCode: 131000),
        ]
        var states = Set<DeliveryState>()
        for ordering in Self.permutations(events) {
            states.insert(DeliveryState(ordering))
        }
        #expect(states.count == 1)
        let state = states.first!
        #expect(state.status == .read)
        #expect(state.sentAt == Self.at(10))
        #expect(state.deliveredAt == Self.at(20))
        #expect(state.readAt == Self.at(30))
        #expect(state.failedAt == Self.at(15))
        #expect(state.errorCode == 131000)
        #expect(state.isFinal)
    }

    @Test("Merging partial states is commutative, associative and idempotent")
    func merging() {
        let events = Self.histories.flatMap(\.events)
        let halves = (DeliveryState(events.prefix(5)), DeliveryState(events.dropFirst(5).prefix(6)))
        let third = DeliveryState(events.dropFirst(11))
        #expect(halves.0.merging(halves.1) == halves.1.merging(halves.0))
        #expect(halves.0.merging(halves.1).merging(third) == halves.0.merging(halves.1.merging(third)))
        #expect(halves.0.merging(halves.0) == halves.0)
        #expect(halves.0.merging(halves.1).merging(third) == DeliveryState(events))
        #expect(DeliveryState().merging(third) == third)
    }

    @Test("Each status alone, and the precedence between them")
    func singleStatuses() {
        #expect(DeliveryState().status == .accepted)
        for status in DeliveryStatus.allCases {
            #expect(DeliveryState([DeliveryEvent(status: status, at: Self.at(1))]).status == status)
        }
        #expect(DeliveryState([.init(status: .read, at: Self.at(5))]).effectiveDeliveredAt == Self.at(5))
    }

    @Test("Webhook statuses map to delivery statuses; played is read")
    func webhookStatuses() {
        #expect(DeliveryStatus(webhookStatus: "sent") == .sent)
        #expect(DeliveryStatus(webhookStatus: "delivered") == .delivered)
        #expect(DeliveryStatus(webhookStatus: "read") == .read)
        #expect(DeliveryStatus(webhookStatus: "played") == .read)
        #expect(DeliveryStatus(webhookStatus: "failed") == .failed)
        #expect(DeliveryStatus(webhookStatus: "deleted") == nil)
        #expect(DeliveryStatus(webhookStatus: "warning") == nil)
    }

    @Test("A sent message expires after the configured time unless delivered, read or failed")
    func expiry() {
        let expiry = Duration.seconds(30 * 24 * 3600)
        let sent = DeliveryState([.init(status: .accepted, at: Self.at(0)), .init(status: .sent, at: Self.at(2))])
        let due = Self.at(2) + expiry
        #expect(sent.expiryDue(after: expiry) == due)
        #expect(sent.expiryEvent(now: due - .milliseconds(1), after: expiry) == nil)
        let event = sent.expiryEvent(now: due + .seconds(3600), after: expiry)
        #expect(event == DeliveryEvent(status: .expired, at: due))
        let expired = sent.recording(event!)
        #expect(expired.status == .expired)
        #expect(expired.expiryDue(after: expiry) == nil)
        // A delivery that comes after all still wins.
        #expect(expired.recording(.init(status: .delivered, at: due + .seconds(1))).status == .delivered)

        let acceptedOnly = DeliveryState([.init(status: .accepted, at: Self.at(0))])
        #expect(acceptedOnly.expiryDue(after: .seconds(600)) == Self.at(600))
        for final in [DeliveryStatus.delivered, .read, .failed] {
            #expect(sent.recording(.init(status: final, at: Self.at(3))).expiryDue(after: expiry) == nil)
        }
        #expect(DeliveryState().expiryDue(after: expiry) == nil)
    }
}

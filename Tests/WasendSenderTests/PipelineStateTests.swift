import Testing
import WasendCore
import WasendKafka

@testable import WasendSender

@Suite struct PipelineStateTests {
    private func message(_ offset: Int64, partition: Int32 = 0) -> KafkaConsumerMessage {
        KafkaConsumerMessage(topic: "wasend.jobs", partition: partition, offset: offset, key: nil, value: [])
    }

    @Test func offsetsMoveOnlyPastContiguousFinishedMessages() {
        var tracker = OffsetTracker()
        let tickets = (0..<4).map { tracker.receive(message(Int64($0))).ticket }
        #expect(tracker.finish(tickets[1]) == nil, "offset 0 is still open")
        #expect(tracker.finish(tickets[0])?.offset == 1)
        #expect(tracker.finish(tickets[3]) == nil)
        #expect(tracker.finish(tickets[2])?.offset == 3)
    }

    @Test func aPartitionFetchedAgainStartsANewGeneration() {
        var tracker = OffsetTracker()
        let old = tracker.receive(message(5)).ticket
        let (again, restarted) = tracker.receive(message(5))
        #expect(restarted)
        #expect(!tracker.isCurrent(old))
        #expect(tracker.finish(old) == nil)
        #expect(tracker.finish(again)?.offset == 5)
    }

    private func pending(_ tracker: inout OffsetTracker, offset: Int64, partition: Int32 = 0) throws -> PendingJob {
        let recipient = try PhoneNumber(e164Digits: "4915112345678")
        let job = SendJob(
            jobID: JobID(campaignID: "c", recipient: recipient), campaignID: "c", phoneNumberID: "1", portfolioID: "2",
            recipient: recipient, category: .utility, message: .text(TextMessage(body: "x")))
        return PendingJob(job: job, ticket: tracker.receive(message(offset, partition: partition)).ticket)
    }

    @Test func theWaitingRoomReleasesDueJobsInOrderAndPausesFullPartitions() throws {
        var tracker = OffsetTracker()
        var room = WaitingRoom(maxPerPartition: 4, maxTotal: 100)
        let t0 = Timestamp(millisecondsSinceEpoch: 1_000)
        var paused: [KafkaTopicPartition] = []
        for offset in 0..<4 {
            if let partition = room.hold(try pending(&tracker, offset: Int64(offset)), until: t0 + .seconds(4 - offset)) {
                paused.append(partition)
            }
        }
        #expect(paused == [KafkaTopicPartition(topic: "wasend.jobs", partition: 0)])
        #expect(room.takeDue(at: t0, limit: 10).jobs.isEmpty)
        let first = room.takeDue(at: t0 + .seconds(2), limit: 10)
        #expect(first.jobs.map(\.ticket.offset) == [3, 2])
        #expect(first.resume == [KafkaTopicPartition(topic: "wasend.jobs", partition: 0)])
        #expect(room.nextDue == t0 + .seconds(3))
        #expect(room.takeDue(at: t0 + .seconds(9), limit: 1).jobs.map(\.ticket.offset) == [1])
    }

    @Test func admittedJobsLeaveFirstAndDoNotWaitForAdmissions() throws {
        var tracker = OffsetTracker()
        var room = WaitingRoom(maxPerPartition: 10, maxTotal: 100)
        let t0 = Timestamp(millisecondsSinceEpoch: 1_000)
        var admitted = try pending(&tracker, offset: 1)
        admitted.admission = PendingJob.Admission(slot: t0 + .seconds(2), leaseUntil: t0 + .seconds(30))
        _ = room.hold(try pending(&tracker, offset: 0), until: t0)
        _ = room.hold(admitted, until: t0 + .seconds(2))
        #expect(room.nextDue == t0)
        #expect(room.takeDue(at: t0 + .seconds(1), limit: 10, includingUnadmitted: false).jobs.isEmpty)
        #expect(room.takeDue(at: t0 + .seconds(3), limit: 1).jobs.map(\.ticket.offset) == [1], "its slot before all else")
        #expect(room.takeDue(at: t0 + .seconds(3), limit: 10, includingUnadmitted: false).jobs.isEmpty)
        #expect(room.takeDue(at: t0 + .seconds(3), limit: 10).jobs.map(\.ticket.offset) == [0])
        #expect(room.count == 0)
    }
}

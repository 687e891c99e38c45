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
        #expect(room.takeDue(at: t0 + .seconds(1), limit: 10, unadmittedLimit: 0).jobs.isEmpty)
        #expect(room.takeDue(at: t0 + .seconds(3), limit: 1).jobs.map(\.ticket.offset) == [1], "its slot before all else")
        #expect(room.takeDue(at: t0 + .seconds(3), limit: 10, unadmittedLimit: 0).jobs.isEmpty)
        #expect(room.takeDue(at: t0 + .seconds(3), limit: 10).jobs.map(\.ticket.offset) == [0])
        #expect(room.count == 0)
    }

    @Test func theUnadmittedLimitCapsOnlyJobsStillToAdmit() throws {
        var tracker = OffsetTracker()
        var room = WaitingRoom(maxPerPartition: 10, maxTotal: 100)
        let t0 = Timestamp(millisecondsSinceEpoch: 1_000)
        for offset in 0..<3 {
            var admitted = try pending(&tracker, offset: Int64(offset))
            admitted.admission = PendingJob.Admission(slot: t0, leaseUntil: t0 + .seconds(30))
            _ = room.hold(admitted, until: t0)
        }
        for offset in 3..<6 {
            _ = room.hold(try pending(&tracker, offset: Int64(offset)), until: t0)
        }
        #expect(room.admittedCount == 3)
        let taken = room.takeDue(at: t0, limit: 10, unadmittedLimit: 2).jobs
        #expect(taken.map(\.ticket.offset) == [0, 1, 2, 3, 4])
        #expect(room.admittedCount == 0)
        #expect(room.count == 1)
    }

    @Test func theAdmissionWindowGrowsWithOnTimeSendsAndShrinksByTheLateOnes() {
        var window = AdmissionWindow(minimum: 100, maximum: 400, step: 50)
        #expect(window.size == 100)
        #expect(window.room(besides: 30) == 70)
        window.record(onTime: 100, late: 0)
        #expect(window.size == 150, "a window's worth of sends on time adds one step")
        window.record(onTime: 75, late: 0)
        #expect(window.size == 175)
        window.record(onTime: 10, late: 40)
        #expect(window.size == 135, "each late job takes one away, and a batch with late ones adds nothing")
        window.record(onTime: 0, late: 1_000)
        #expect(window.size == 100, "never below the minimum")
        #expect(window.room(besides: 250) == 0)
        for _ in 0..<100 { window.record(onTime: 1_000, late: 0) }
        #expect(window.size == 400, "never above the maximum")
    }
}

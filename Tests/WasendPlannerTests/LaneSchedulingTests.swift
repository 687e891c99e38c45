import Testing

@testable import WasendPlanner

@Suite("How the planner's expansion lanes are scheduled")
struct LaneSchedulingTests {
    /// Lanes named by a letter; records are numbers, for lane `record % 2`.
    private func scheduling(maxWaiting: Int = 4) -> LaneScheduling<String, Int> {
        LaneScheduling(lanes: ["a", "b"], maxWaitingPerLane: maxWaiting)
    }

    private func lanes(of records: [Int]) -> [(record: Int, lane: Int)] {
        records.map { ($0, $0 % 2) }
    }

    @Test func eachFreeLaneTakesItsWaitingRecordsInOrderAndNoLaneIsStartedTwice() {
        var scheduling = scheduling()
        let fetch = scheduling.startFetch()
        #expect(fetch)
        scheduling.fetched(lanes(of: [0, 1, 2, 3, 4]))
        let first = scheduling.nextLaneToAdvance { _ in false }
        let second = scheduling.nextLaneToAdvance { _ in false }
        #expect(first?.lane == "a" && first?.records == [0, 2, 4])
        #expect(second?.lane == "b" && second?.records == [1, 3])
        let third = scheduling.nextLaneToAdvance { _ in true }
        #expect(third == nil, "both lanes are busy")
        #expect(scheduling.freeLanes.isEmpty)
    }

    @Test func aBusyLanesRecordsWaitWhileTheOtherLaneGoesOn() {
        var scheduling = scheduling()
        _ = scheduling.startFetch()
        scheduling.fetched(lanes(of: [0, 1]))
        let a = scheduling.nextLaneToAdvance { _ in false }
        let b = scheduling.nextLaneToAdvance { _ in false }
        #expect(a?.records == [0] && b?.records == [1])
        // Lane b comes back while a is still busy (committing): the next fetch goes on, and b
        // takes its records at once while a's wait.
        scheduling.finished("b", at: 1)
        let fetch = scheduling.startFetch()
        #expect(fetch)
        scheduling.fetched(lanes(of: [2, 3, 5]))
        let next = scheduling.nextLaneToAdvance { _ in false }
        #expect(next?.lane == "b" && next?.records == [3, 5])
        scheduling.finished("a", at: 0)
        let a2 = scheduling.nextLaneToAdvance { _ in false }
        #expect(a2?.records == [2])
    }

    @Test func fetchingPausesWhileABusyLaneHasAFullPileAndOneFetchRunsAtATime() {
        var scheduling = scheduling(maxWaiting: 2)
        let first = scheduling.startFetch()
        let second = scheduling.startFetch()
        #expect(first && !second, "one fetch at a time")
        scheduling.fetched(lanes(of: [0]))
        _ = scheduling.nextLaneToAdvance { _ in false }
        let whileAIsBusy = scheduling.startFetch()
        #expect(whileAIsBusy)
        scheduling.fetched(lanes(of: [2, 4]))
        let withAFullPile = scheduling.startFetch()
        #expect(!withAFullPile, "lane a is busy with two records waiting")
        scheduling.finished("a", at: 0)
        let a = scheduling.nextLaneToAdvance { _ in false }
        #expect(a?.records == [2, 4])
        let afterwards = scheduling.startFetch()
        #expect(afterwards)
    }

    @Test func aFreeLaneWithoutRecordsAdvancesOnlyWhenDue() {
        var scheduling = scheduling()
        let notDue = scheduling.nextLaneToAdvance { _ in false }
        #expect(notDue == nil)
        let due = scheduling.nextLaneToAdvance { $0 == "b" }
        #expect(due?.lane == "b" && due?.records == [])
        #expect(scheduling.freeLanes == ["a"])
        #expect(scheduling.hasBusyLane)
    }

    @Test func afterTheConsumerEndedNoLaneStartsAndItFinishesWhenEveryLaneIsBack() {
        var scheduling = scheduling()
        _ = scheduling.startFetch()
        scheduling.fetched(lanes(of: [0, 1]))
        _ = scheduling.nextLaneToAdvance { $0 == "a" }
        let fetch = scheduling.startFetch()
        #expect(fetch)
        scheduling.ended()
        #expect(!scheduling.isFinished, "a lane is still advancing")
        let afterTheEnd = scheduling.nextLaneToAdvance { _ in true }
        #expect(afterTheEnd == nil, "the other lane's record is not started after the end")
        let fetchAfterTheEnd = scheduling.startFetch()
        #expect(!fetchAfterTheEnd)
        scheduling.finished("a", at: 0)
        #expect(scheduling.isFinished)
    }
}

import Testing
import WasendCore

@Suite("Campaign lifecycle")
struct CampaignLifecycleTests {
    static let states: [CampaignState] = [
        .draft, .scheduled, .running, .paused(.manual), .completed, .cancelled,
    ]
    static let events: [CampaignEvent] = [
        .schedule, .start, .pause(.errorRate), .resume, .complete, .cancel,
    ]

    /// The whole transition table: the state each legal move leads to; every other pair is refused.
    static let legal: [CampaignStatus: [String: CampaignState]] = [
        .draft: ["schedule": .scheduled, "cancel": .cancelled],
        .scheduled: ["start": .running, "cancel": .cancelled],
        .running: ["pause": .paused(.errorRate), "complete": .completed, "cancel": .cancelled],
        .paused: ["resume": .running, "complete": .completed, "cancel": .cancelled],
        .completed: [:],
        .cancelled: [:],
    ]

    @Test("Every state and event: legal moves land where the table says, others are refused", arguments: states)
    func transitionTable(from state: CampaignState) throws {
        for event in Self.events {
            let expected = Self.legal[state.status]?[event.name]
            if let expected {
                #expect(try state.applying(event) == expected, "\(state.status) --\(event.name)-->")
            } else {
                var unchanged = state
                let error = #expect(throws: CampaignTransitionError.self) { try unchanged.apply(event) }
                #expect(unchanged == state)
                #expect(error?.from == state.status)
                #expect(error?.event == event)
            }
        }
    }

    @Test("Refusals say why")
    func reasons() {
        func refusal(_ state: CampaignState, _ event: CampaignEvent) -> CampaignTransitionError? {
            #expect(throws: CampaignTransitionError.self) { try state.applying(event) }
        }
        #expect(refusal(.completed, .cancel)?.reason == .alreadyEnded)
        #expect(refusal(.cancelled, .resume)?.reason == .alreadyEnded)
        #expect(refusal(.paused(.manual), .pause(.errorRate))?.reason == .alreadyInState)
        #expect(refusal(.running, .start)?.reason == .alreadyInState)
        #expect(refusal(.draft, .resume)?.reason == .notAllowed)
        #expect(refusal(.draft, .start)?.reason == .notAllowed)
        #expect(refusal(.scheduled, .pause(.manual))?.reason == .notAllowed)

        let error = refusal(.draft, .resume)
        #expect(error?.from == .draft)
        #expect(error?.to == .running)
        #expect(error?.description == "cannot resume the campaign (draft → running): a draft campaign cannot be moved to running")
    }

    @Test("A full life: schedule, start, pause with a reason, resume, complete")
    func fullLife() throws {
        var campaign = Campaign(
            id: "c1", name: "Spring", phoneNumberID: "106540352242922", portfolioID: "102290129340398",
            category: .marketing, message: .text(TextSpec(body: "Hi {{name}}")))
        #expect(campaign.state == .draft)
        try campaign.apply(.schedule)
        try campaign.apply(.start)
        try campaign.apply(.pause(.templatePaused))
        #expect(campaign.state.pauseReason == .templatePaused)
        #expect(campaign.state.status == .paused)
        try campaign.apply(.resume)
        #expect(campaign.state.pauseReason == nil)
        try campaign.apply(.complete)
        #expect(campaign.state.status.isFinal)
        #expect(throws: CampaignTransitionError.self) { try campaign.apply(.cancel) }
    }

    @Test("Only completed and cancelled are final")
    func finalStates() {
        #expect(CampaignStatus.allCases.filter(\.isFinal) == [.completed, .cancelled])
    }

    @Test("Schedules are due at their start time, not a millisecond before")
    func schedule() {
        let start = Timestamp(millisecondsSinceEpoch: 1_000)
        #expect(!CampaignSchedule(startAt: start).isDue(at: Timestamp(millisecondsSinceEpoch: 999)))
        #expect(CampaignSchedule(startAt: start).isDue(at: start))
        #expect(CampaignSchedule().isDue(at: .epoch))
    }

    @Test("Limit overrides must be positive")
    func limits() {
        #expect(CampaignLimits().invalidField == nil)
        #expect(CampaignLimits(messagesPerSecond: 10, recipientsPer24Hours: 100, maximumAttempts: 3).invalidField == nil)
        #expect(CampaignLimits(messagesPerSecond: 0).invalidField == "messages_per_second")
        #expect(CampaignLimits(recipientsPer24Hours: -1).invalidField == "recipients_per_24h")
        #expect(CampaignLimits(maximumAttempts: 0).invalidField == "maximum_attempts")
    }
}

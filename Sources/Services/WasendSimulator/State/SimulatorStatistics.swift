/// The counters behind `GET /_sim/stats`, updated under the simulator's lock on every send.
struct SimulatorStatistics: Sendable {
    struct NumberCounters: Sendable {
        var acceptedSends = 0
        /// Sends accepted in `currentSecond` (whole seconds of the simulator's clock).
        var currentSecond: Int64 = -1
        var sendsInCurrentSecond = 0
        var peakSendsPerSecond = 0
        /// The second `peakSendsPerSecond` was first reached in.
        var peakSecond: Int64 = -1
    }

    var acceptedSends = 0
    /// Accepted sends per job id (`biz_opaque_callback_data`), up to `maximumTrackedJobs` job ids.
    var acceptedPerJob: [String: Int] = [:]
    /// Job ids accepted more than once: what Wasend must never produce.
    var duplicateJobs: Set<String> = []
    /// Accepted sends whose job id was not tracked because the table was full.
    var untrackedJobSends = 0
    var sendsWithoutJobID = 0
    var rejectionsByCode: [Int: Int] = [:]
    var serverErrors = 0
    var connectionResets = 0
    var lostAnswers = 0
    var numbers: [NumberCounters]

    var webhookPostsDelivered = 0
    var webhookUpdatesDelivered = 0
    /// POSTs not answered 200 (each one is retried or, at the last attempt, abandoned).
    var webhookFailedAttempts = 0
    var webhookPostsAbandoned = 0
    /// Updates not scheduled because the webhook queue was full.
    var webhookUpdatesDropped = 0
    var webhookDuplicatesInjected = 0
    var inboundMessagesScheduled = 0

    init(numberCount: Int) {
        self.numbers = Array(repeating: NumberCounters(), count: numberCount)
    }

    mutating func recordAccepted(numberIndex: Int, jobID: String?, second: Int64, maximumTrackedJobs: Int) {
        acceptedSends += 1
        numbers[numberIndex].acceptedSends += 1
        if numbers[numberIndex].currentSecond != second {
            numbers[numberIndex].currentSecond = second
            numbers[numberIndex].sendsInCurrentSecond = 0
        }
        numbers[numberIndex].sendsInCurrentSecond += 1
        if numbers[numberIndex].sendsInCurrentSecond > numbers[numberIndex].peakSendsPerSecond {
            numbers[numberIndex].peakSendsPerSecond = numbers[numberIndex].sendsInCurrentSecond
            numbers[numberIndex].peakSecond = second
        }

        guard let jobID else {
            sendsWithoutJobID += 1
            return
        }
        if let count = acceptedPerJob[jobID] {
            acceptedPerJob[jobID] = count + 1
            duplicateJobs.insert(jobID)
        } else if acceptedPerJob.count < maximumTrackedJobs {
            acceptedPerJob[jobID] = 1
        } else {
            untrackedJobSends += 1
        }
    }

    mutating func recordRejection(code: Int) {
        rejectionsByCode[code, default: 0] += 1
    }
}

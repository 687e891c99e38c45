import Foundation
import Synchronization
import WasendHTTP

/// POSTs started on a fixed schedule whatever the answers do: an open-loop load, as Meta's webhooks
/// arrive. Each latency runs from the POST's scheduled start to its answer, so a stall of the server
/// shows in the figures instead of slowing the load down.
public struct PacedPosts: Sendable {
    /// One request body and its headers; the load posts them in turn.
    public struct Post: Sendable {
        public var body: [UInt8]
        public var headers: HTTPHeaders

        public init(body: [UInt8], headers: HTTPHeaders) {
            self.body = body
            self.headers = headers
        }
    }

    /// One POST's outcome: `status` is `nil` when no answer came (refused, reset, timed out).
    public struct Answer: Sendable {
        /// Which of the posts was sent: `index % posts.count`.
        public var index: Int
        public var status: Int?
        public var latency: Duration
    }

    public struct Outcome: Sendable {
        public var answers: [Answer]
        /// From the first scheduled start to the last answer.
        public var elapsed: Duration

        /// POSTs answered per second of `elapsed`.
        public var achievedRate: Double {
            Double(answers.count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }

        /// How many POSTs got each status; `0` counts those without an answer.
        public var statuses: [Int: Int] {
            answers.reduce(into: [:]) { $0[$1.status ?? 0, default: 0] += 1 }
        }
    }

    public var client: HTTPClient
    public var url: String
    public var posts: [Post]

    public init(client: HTTPClient, url: String, posts: [Post]) {
        precondition(!posts.isEmpty, "a load needs at least one post")
        self.client = client
        self.url = url
        self.posts = posts
    }

    /// Starts `count` POSTs at `rate` per second and returns once every one is answered.
    public func run(count: Int, rate: Int) async -> Outcome {
        let clock = ContinuousClock()
        let interval = Duration.seconds(1) / max(rate, 1)
        let start = clock.now + .milliseconds(50)
        let answers = Answers()
        await withDiscardingTaskGroup { group in
            for index in 0..<count {
                let scheduled = start + interval * index
                try? await Task.sleep(until: scheduled, tolerance: .microseconds(100), clock: clock)
                let post = posts[index % posts.count]
                group.addTask {
                    let request = HTTPRequest(method: .post, url: url, headers: post.headers, body: post.body)
                    let status = (try? await client.execute(request))?.status
                    let answer = Answer(index: index, status: status, latency: clock.now - scheduled)
                    answers.list.withLock { $0.append(answer) }
                }
            }
        }
        return Outcome(answers: answers.list.withLock { $0 }, elapsed: clock.now - start)
    }

    /// Filled by the POSTs' tasks as their answers arrive.
    private final class Answers: Sendable {
        let list = Mutex<[Answer]>([])
    }
}

extension [Duration] {
    /// The latency below which `fraction` of these fall, in milliseconds with two decimals
    /// (`-` when there are none).
    public func millisecondsAt(_ fraction: Double) -> String {
        guard !isEmpty else { return "-" }
        let sorted = self.sorted()
        let latency = sorted[Swift.min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
        let value = Double(latency.components.seconds) * 1e3 + Double(latency.components.attoseconds) / 1e15
        return String(format: "%.2f ms", value)
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import WasendCloudAPI

/// A webhook endpoint on loopback, run by the tests: it records every POST and answers 500 to the
/// first `failFirst` of them, 200 to the others.
final class WebhookReceiver: Sendable {
    struct Post: Sendable {
        var body: [UInt8]
        var signature: String?
        var accepted: Bool
    }

    private struct State {
        var posts: [Post] = []
        var failuresLeft: Int
    }

    private let state: Mutex<State>

    init(failFirst: Int = 0) {
        self.state = Mutex(State(failuresLeft: failFirst))
    }

    var posts: [Post] { state.withLock { $0.posts } }

    /// The statuses of the POSTs answered 200, in arrival order.
    func acceptedStatuses() throws -> [WebhookStatus] {
        try acceptedValues().flatMap { $0.statuses ?? [] }
    }

    func acceptedValues() throws -> [WebhookMessagesValue] {
        try posts.filter(\Post.accepted).flatMap { post in
            try JSONDecoder().decode(WebhookPayload.self, from: Data(post.body)).entry.flatMap(\.changes).compactMap { change in
                if case .messages(let value) = change.value { return value }
                return nil
            }
        }
    }

    func makeService(onServerRunning: @escaping @Sendable (Int) async -> Void) -> any Service {
        let router = Router()
        router.post("webhook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 8 << 20)
            let signature = request.headers[HTTPField.Name(WebhookSignature.headerName)!]
            let accepted = self.state.withLock { state in
                let accepted = state.failuresLeft == 0
                if !accepted { state.failuresLeft -= 1 }
                state.posts.append(Post(body: Array(body.readableBytesView), signature: signature, accepted: accepted))
                return accepted
            }
            return accepted ? .ok : .internalServerError
        }
        var logger = Logger(label: "wasend.test.webhooks")
        logger.logLevel = .warning
        return Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { await onServerRunning($0.localAddress?.port ?? 0) },
            logger: logger)
    }
}

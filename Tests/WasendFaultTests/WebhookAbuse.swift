import Foundation
import WasendCloudAPI
import WasendHTTP
import WasendTestSupport

/// Posts hostile and excessive traffic at the API's webhook endpoint and counts the answers.
struct WebhookAbuse {
    var url: String
    var appSecret: String
    var http: HTTPClient

    /// Status codes of the answers, by code.
    typealias Answers = [Int: Int]

    /// Posts each body signed with `secret` (the right one, or a wrong one), `concurrency` at a time.
    func post(_ bodies: [String], signedWith secret: String, concurrency: Int = 32) async -> Answers {
        let signature = WebhookSignature(appSecret: secret)
        var answers: Answers = [:]
        await withTaskGroup(of: Int.self) { group in
            var next = bodies.makeIterator()
            func submit() -> Bool {
                guard let body = next.next() else { return false }
                let request = HTTPRequest(
                    method: .post, url: url,
                    headers: ["Content-Type": "application/json", WebhookSignature.headerName: signature.sign(Array(body.utf8))],
                    body: Array(body.utf8))
                group.addTask { (try? await http.execute(request))?.status ?? 0 }
                return true
            }
            for _ in 0..<concurrency where submit() {}
            while let status = await group.next() {
                answers[status, default: 0] += 1
                _ = submit()
            }
        }
        return answers
    }

    /// Posts `bodies`, signed with the app secret, at `rate` per second whatever the answers do:
    /// a flood arrives on Meta's schedule, not on the API's.
    func flood(_ bodies: [String], rate: Int) async -> PacedPosts.Outcome {
        let signature = WebhookSignature(appSecret: appSecret)
        let posts = bodies.map { body in
            PacedPosts.Post(
                body: Array(body.utf8),
                headers: ["Content-Type": "application/json", WebhookSignature.headerName: signature.sign(Array(body.utf8))])
        }
        return await PacedPosts(client: http, url: url, posts: posts).run(count: posts.count, rate: rate)
    }

    /// A Meta-shaped body with `count` status updates for messages Wasend never sent.
    static func strangerStatuses(_ count: Int, batch: Int) -> String {
        let statuses = (0..<count).map { index in
            #"{"id":"wamid.stranger-\#(batch)-\#(index)","status":"delivered","timestamp":"1700000000","recipient_id":"491700000\#(index % 1000)"}"#
        }
        return #"{"object":"whatsapp_business_account","entry":[{"id":"200000000000001","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000001","phone_number_id":"100000000000001"},"statuses":["#
            + statuses.joined(separator: ",") + "]}}]}]}"
    }
}

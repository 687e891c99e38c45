import WasendCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns the HTTP answer to a send into a `CloudAPISendOutcome`. It never throws: whatever came back
/// (a Graph error, an HTML page from a proxy, an empty or cut body) becomes an outcome with advice.
public enum SendResponseParser {
    public static func outcome(httpStatus: Int, body: some DataProtocol) -> CloudAPISendOutcome {
        let response: CloudAPISendResponse
        if (200..<300).contains(httpStatus), let read = try? CloudAPISendResponse(json: Array(body)) {
            // Every accepted send comes this way; anything else gets the Graph error reading below.
            response = read
        } else {
            do {
                response = try GraphResponseDecoder.decode(CloudAPISendResponse.self, httpStatus: httpStatus, body: body)
            } catch {
                return .failed(error)
            }
        }
        guard let message = response.messages.first else {
            return .failed(GraphResponseDecoder.unreadable(httpStatus: httpStatus, byteCount: body.count))
        }
        return .accepted(
            CloudAPISendOutcome.Acceptance(
                wamid: message.id,
                messageStatus: message.messageStatus.flatMap(SendResult.AcceptedMessageStatus.init(rawValue:))
                    ?? .accepted,
                waID: response.contacts?.first?.waID))
    }
}

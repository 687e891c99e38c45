#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns the HTTP answer to a send into a `SendOutcome`. It never throws: whatever came back (a
/// Graph error, an HTML page from a proxy, an empty or cut body) becomes an outcome with advice.
public enum SendResponseParser {
    public static func outcome(httpStatus: Int, body: some DataProtocol) -> SendOutcome {
        let response: CloudAPISendResponse
        do {
            response = try GraphResponseDecoder.decode(CloudAPISendResponse.self, httpStatus: httpStatus, body: body)
        } catch {
            return .failed(error)
        }
        guard let message = response.messages.first else {
            return .failed(GraphResponseDecoder.unreadable(httpStatus: httpStatus, byteCount: body.count))
        }
        return .accepted(
            SendAcceptance(
                wamid: message.id,
                status: SendAcceptance.Status(wireValue: message.messageStatus),
                waID: response.contacts?.first?.waID))
    }
}

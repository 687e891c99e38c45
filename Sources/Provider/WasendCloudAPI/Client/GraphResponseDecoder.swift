import WasendCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a Graph API answer: the expected body on a 2xx, otherwise a `CloudAPIError` with the core's
/// advice. A body that is neither (a proxy's HTML 502, an empty or cut body) is an error too, never a
/// crash.
enum GraphResponseDecoder {
    static func decode<Response: Decodable>(
        _ type: Response.Type, httpStatus: Int, body: some DataProtocol
    ) throws(CloudAPIError) -> Response {
        let data = Data(body)
        let decoder = JSONDecoder()
        if (200..<300).contains(httpStatus), let response = try? decoder.decode(Response.self, from: data) {
            return response
        }
        if let response = try? decoder.decode(GraphErrorResponse.self, from: data) {
            throw CloudAPIError(response.error, httpStatus: httpStatus)
        }
        throw unreadable(httpStatus: httpStatus, byteCount: data.count)
    }

    /// A response with no Graph body to go by. The HTTP status decides where it can (429, 5xx);
    /// anything else, a 200 with a cut body included, is retried like a transport failure. A 2xx
    /// may have been taken: the sender then keeps the job's reservation until a webhook or the
    /// in-doubt window decides.
    static func unreadable(httpStatus: Int, byteCount: Int) -> CloudAPIError {
        let advice = ErrorClassification.advice(forHTTPStatus: httpStatus) ?? ErrorClassification.transportFailure
        let body = byteCount == 0 ? "an empty body" : "a body that is not a Graph API response (\(byteCount) bytes)"
        return CloudAPIError(
            code: nil, message: "HTTP \(httpStatus) with \(body)", httpStatus: httpStatus, advice: advice,
            mayHaveBeenTaken: (200..<300).contains(httpStatus))
    }
}

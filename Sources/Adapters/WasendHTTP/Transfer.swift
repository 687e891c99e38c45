import CCurl

/// One request on its way through the client.
///
/// Ownership moves, never shared: the submitting task creates it, the state machine holds it
/// while it waits or is handed off, then the curl thread owns it until it resumes the
/// continuation. That single-owner rule is why the unchecked `Sendable` is sound.
final class Transfer: @unchecked Sendable {
    typealias ID = UInt64

    let id: ID
    let request: HTTPRequest
    /// The request's header fields for `CURLOPT_HTTPHEADER`; curl reads it until the transfer
    /// is removed from the multi handle, so it lives exactly as long as this object.
    let headerList: UnsafeMutablePointer<curl_slist>?
    let maxBodySize: Int
    private let continuation: CheckedContinuation<Result<CompletedTransfer, HTTPClientError>, Never>

    // Written by curl's callbacks on the curl thread only.
    var head: [UInt8] = []
    var body: [UInt8] = []
    var exceededSizeLimit = false
    /// Whether curl has started sending the request (non-idempotent requests only).
    var requestSent = false
    /// Whether curl meant to send a non-idempotent request a second time and was stopped.
    var resendRefused = false
    var easyHandle: EasyHandle?

    init(
        id: ID,
        request: HTTPRequest,
        maxBodySize: Int,
        continuation: CheckedContinuation<Result<CompletedTransfer, HTTPClientError>, Never>
    ) {
        self.id = id
        self.request = request
        self.maxBodySize = maxBodySize
        self.continuation = continuation
        self.headerList = Self.makeHeaderList(for: request)
    }

    deinit {
        curl_slist_free_all(headerList)
    }

    /// Resumes the awaiting task; called exactly once, by the transfer's owner at that moment.
    func complete(with outcome: Result<CompletedTransfer, HTTPClientError>) {
        continuation.resume(returning: outcome)
    }

    func fail(with error: HTTPClientError) {
        complete(with: .failure(error))
    }

    private static func makeHeaderList(for request: HTTPRequest) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        for field in request.headers {
            list = curl_slist_append(list, "\(field.name): \(field.value)")
        }
        if request.body != nil {
            // An empty value removes the header curl would add on its own: it must not claim a
            // form encoding for a JSON body, nor wait for `100 Continue` on large bodies.
            if request.headers["Content-Type"] == nil {
                list = curl_slist_append(list, "Content-Type:")
            }
            if request.headers["Expect"] == nil {
                list = curl_slist_append(list, "Expect:")
            }
        }
        return list
    }
}

/// What the curl thread hands back for a finished transfer; the awaiting task turns it into an
/// ``HTTPResponse``, so header parsing happens off the curl thread.
struct CompletedTransfer: Sendable {
    var status: Int
    var version: HTTPVersion
    var head: [UInt8]
    var body: [UInt8]
    var timing: HTTPResponse.Timing
}

extension HTTPResponse {
    init(_ completed: CompletedTransfer) {
        self.init(
            status: completed.status,
            version: completed.version,
            headers: HTTPHeaders(parsingResponseHead: completed.head),
            body: completed.body,
            timing: completed.timing)
    }
}

import CCurl
import CCurlShim

/// A curl easy handle, reused across transfers so that its buffers and caches are not rebuilt
/// for every request. Confined to the curl thread.
final class EasyHandle {
    let raw: UnsafeMutableRawPointer
    /// curl writes a failed transfer's detail here (`CURLOPT_ERRORBUFFER`); it must outlive the handle's use.
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init?() {
        guard let raw = curl_easy_init() else { return nil }
        self.raw = raw
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Sets every option `transfer` needs on a handle fresh from `curl_easy_init` or `curl_easy_reset`.
    func prepare(for transfer: Transfer, configuration: HTTPClient.Configuration) throws(HTTPClientError) {
        let request = transfer.request
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        try set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        try set(CURLOPT_PRIVATE, pointer: context)
        try set(CURLOPT_WRITEFUNCTION, callback: receiveBody)
        try set(CURLOPT_WRITEDATA, pointer: context)
        try set(CURLOPT_HEADERFUNCTION, callback: receiveHeader)
        try set(CURLOPT_HEADERDATA, pointer: context)
        // Signals cannot be used for DNS timeouts in a multi-threaded process.
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_URL, string: request.url)
        try set(CURLOPT_HTTP_VERSION, configuration.protocolVersion.curlValue)
        if configuration.protocolVersion == .http2PriorKnowledge
            || (configuration.protocolVersion == .http2OverTLS && request.url.utf8.starts(with: "https:".utf8))
        {
            // Wait for a connection that can multiplex rather than open one per request. Over
            // plain HTTP, HTTP/2 over TLS falls back to HTTP/1.1, which cannot multiplex.
            try set(CURLOPT_PIPEWAIT, 1)
        }
        try set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.clampedMilliseconds)
        try set(CURLOPT_TIMEOUT_MS, (request.timeout ?? configuration.requestTimeout).clampedMilliseconds)
        if let caCertificatePath = configuration.caCertificatePath {
            try set(CURLOPT_CAINFO, string: caCertificatePath)
        }
        if let userAgent = configuration.userAgent {
            try set(CURLOPT_USERAGENT, string: userAgent)
        }
        if let headerList = transfer.headerList {
            try set(CURLOPT_HTTPHEADER, pointer: headerList)
        }
        if let body = request.body {
            // In memory, curl writes a small body in the same send as the head: one TCP segment
            // and one wake-up of the server per request, where a read callback costs two.
            // curl copies it, so the request's array need not stay pinned; an empty body still
            // needs a valid pointer.
            try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: curl_off_t(body.count))
            let bytes = body.isEmpty ? [0] : body
            let copied = bytes.withUnsafeBytes {
                wasend_curl_easy_setopt_pointer(raw, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress))
            }
            try check(copied, CURLOPT_COPYPOSTFIELDS)
        }
        if !request.isIdempotent {
            // curl sends a request again on a fresh connection when the reused one it went out on
            // closed without an answer; every attempt passes the pre-request callback, which lets
            // only the first through.
            try check(
                wasend_curl_easy_setopt_prereq_callback(raw, CURLOPT_PREREQFUNCTION, refuseSecondAttempt),
                CURLOPT_PREREQFUNCTION)
            try set(CURLOPT_PREREQDATA, pointer: context)
        }
        switch request.method {
        case .get where request.body == nil, .post where request.body != nil:
            break
        case .head:
            try set(CURLOPT_NOBODY, 1)
        default:
            try set(CURLOPT_CUSTOMREQUEST, string: request.method.rawValue)
        }
    }

    /// Forgets the last transfer's options, so nothing (a body, a header list) leaks into the next.
    func reset() {
        curl_easy_reset(raw)
    }

    /// What curl measured for the finished transfer.
    func completedTransfer(head: [UInt8], body: [UInt8]) -> CompletedTransfer {
        CompletedTransfer(
            status: info(CURLINFO_RESPONSE_CODE),
            version: HTTPVersion(curlValue: info(CURLINFO_HTTP_VERSION)),
            head: head,
            body: body,
            timing: HTTPResponse.Timing(
                timeToFirstByte: .microseconds(info(offset: CURLINFO_STARTTRANSFER_TIME_T)),
                total: .microseconds(info(offset: CURLINFO_TOTAL_TIME_T))))
    }

    func error(for code: CURLcode) -> HTTPClientError {
        HTTPClientError(curlCode: code, osErrno: info(CURLINFO_OS_ERRNO), detail: String(cString: errorBuffer))
    }

    // MARK: Typed access to curl's variadic functions

    private func set(_ option: CURLoption, _ value: Int) throws(HTTPClientError) {
        try check(wasend_curl_easy_setopt_long(raw, option, value), option)
    }

    private func set(_ option: CURLoption, offset value: curl_off_t) throws(HTTPClientError) {
        try check(wasend_curl_easy_setopt_off_t(raw, option, value), option)
    }

    private func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(HTTPClientError) {
        try check(wasend_curl_easy_setopt_pointer(raw, option, value), option)
    }

    private func set(_ option: CURLoption, pointer value: UnsafeMutablePointer<some Any>) throws(HTTPClientError) {
        try set(option, pointer: UnsafeMutableRawPointer(value))
    }

    /// curl copies strings, so a temporary C string is enough.
    private func set(_ option: CURLoption, string value: String) throws(HTTPClientError) {
        try check(wasend_curl_easy_setopt_string(raw, option, value), option)
    }

    private func set(_ option: CURLoption, callback: curl_write_callback) throws(HTTPClientError) {
        try check(wasend_curl_easy_setopt_write_callback(raw, option, callback), option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(HTTPClientError) {
        guard code == CURLE_OK else {
            throw HTTPClientError(curlCode: code, osErrno: 0, detail: "setting option \(option.rawValue)")
        }
    }

    private func info(_ info: CURLINFO) -> Int {
        var value = 0
        return wasend_curl_easy_getinfo_long(raw, info, &value) == CURLE_OK ? value : 0
    }

    private func info(offset info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        return wasend_curl_easy_getinfo_off_t(raw, info, &value) == CURLE_OK ? Int64(value) : 0
    }
}

/// `CURLOPT_WRITEFUNCTION`: appends body bytes, refusing (which fails the transfer) past the limit.
private let receiveBody: curl_write_callback = { data, size, count, context in
    let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    let length = size * count
    guard transfer.body.count + length <= transfer.maxBodySize else {
        transfer.exceededSizeLimit = true
        return 0
    }
    transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
    return length
}

/// `CURLOPT_PREREQFUNCTION` of a non-idempotent request: lets its first attempt go and fails
/// any other, which would send a request the server may already have taken.
private let refuseSecondAttempt: curl_prereq_callback = { context, _, _, _, _ in
    let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    guard !transfer.requestSent else {
        transfer.resendRefused = true
        return Int32(CURL_PREREQFUNC_ABORT)
    }
    transfer.requestSent = true
    return Int32(CURL_PREREQFUNC_OK)
}

/// `CURLOPT_HEADERFUNCTION`: collects the raw header block of the final response; a new status
/// line (after `100 Continue`) starts it afresh. Parsing is left to the awaiting task.
private let receiveHeader: curl_write_callback = { data, size, count, context in
    let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    let line = UnsafeRawBufferPointer(start: data, count: size * count)
    if line.starts(with: "HTTP/".utf8) {
        transfer.head.removeAll(keepingCapacity: true)
    }
    guard transfer.head.count + line.count <= maxResponseHeadSize else {
        transfer.exceededSizeLimit = true
        return 0
    }
    transfer.head.append(contentsOf: line)
    return line.count
}

/// Bounds the header block, which servers control, like every other buffer.
private let maxResponseHeadSize = 256 * 1024

extension HTTPClient.Configuration.ProtocolVersion {
    fileprivate var curlValue: Int {
        switch self {
        case .http1: Int(CURL_HTTP_VERSION_1_1)
        case .http2OverTLS: Int(CURL_HTTP_VERSION_2TLS)
        case .http2PriorKnowledge: Int(CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE)
        }
    }
}

extension HTTPVersion {
    fileprivate init(curlValue: Int) {
        switch curlValue {
        case Int(CURL_HTTP_VERSION_1_0): self = .http1_0
        case Int(CURL_HTTP_VERSION_2_0): self = .http2
        case Int(CURL_HTTP_VERSION_3): self = .http3
        default: self = .http1_1
        }
    }
}

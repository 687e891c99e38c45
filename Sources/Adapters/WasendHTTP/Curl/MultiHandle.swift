import CCurl
import CCurlShim

/// The curl multi handle that all of a client's transfers share, and with it the connection
/// cache that keeps HTTP/1.1 connections alive and multiplexes HTTP/2 streams.
///
/// Only the curl thread drives it; the one call made from other threads is `curl_multi_wakeup`,
/// which curl documents as thread-safe. That is why the unchecked `Sendable` is sound. It is
/// cleaned up when the last reference goes, so a late wake-up never touches a freed handle.
final class MultiHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    init(configuration: HTTPClient.Configuration) throws(HTTPClientError) {
        guard CurlGlobal.initialization == CURLE_OK else {
            throw HTTPClientError(curlCode: CurlGlobal.initialization, osErrno: 0, detail: "curl_global_init failed")
        }
        if configuration.protocolVersion == .http2PriorKnowledge, CurlGlobal.versionNumber < 0x08_00_00 {
            throw HTTPClientError(
                kind: .invalidConfiguration,
                message: "HTTP/2 with prior knowledge needs libcurl 8.0 or later; this is \(String(cString: curl_version()))")
        }
        guard let raw = curl_multi_init() else {
            throw HTTPClientError(kind: .transport, message: "curl_multi_init failed")
        }
        self.raw = raw
        let options: [(CURLMoption, Int)] = [
            (CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX)),
            (CURLMOPT_MAX_HOST_CONNECTIONS, max(1, configuration.maxConnectionsPerHost)),
            (CURLMOPT_MAX_TOTAL_CONNECTIONS, max(1, configuration.maxConnections)),
            // Idle connections kept for reuse: as many as may be open, so keep-alive holds.
            (CURLMOPT_MAXCONNECTS, max(1, configuration.maxConnections)),
            (CURLMOPT_MAX_CONCURRENT_STREAMS, max(1, configuration.maxConcurrentStreams)),
        ]
        for (option, value) in options {
            let code = wasend_curl_multi_setopt_long(raw, option, value)
            guard code == CURLM_OK else {
                throw HTTPClientError(
                    kind: .transport, message: "curl_multi_setopt failed: \(String(cString: curl_multi_strerror(code)))")
            }
        }
    }

    deinit {
        curl_multi_cleanup(raw)
    }

    /// Makes a `curl_multi_poll` in progress (or the next one) return at once.
    func wakeUp() {
        curl_multi_wakeup(raw)
    }
}

import CCurl
import Glibc

extension HTTPClientError {
    /// Classifies a failed transfer by curl's code and, where curl's code is too coarse
    /// (a failed connect), by the socket's `errno`.
    init(curlCode code: CURLcode, osErrno: Int, detail: String) {
        let summary = String(cString: curl_easy_strerror(code))
        let message = detail.isEmpty || detail == summary ? summary : "\(summary): \(detail)"
        self.init(kind: Self.kind(of: code, osErrno: osErrno), curlCode: Int(code.rawValue), message: message)
    }

    private static func kind(of code: CURLcode, osErrno: Int) -> Kind {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_COULDNT_CONNECT:
            switch Int32(truncatingIfNeeded: osErrno) {
            case ECONNREFUSED: return .connectionRefused
            case ETIMEDOUT: return .timedOut
            case ECONNRESET: return .connectionReset
            default: return .transport
            }
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .connectionReset
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .nameResolution
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED:
            return .tls
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidRequest
        default:
            return .transport
        }
    }
}

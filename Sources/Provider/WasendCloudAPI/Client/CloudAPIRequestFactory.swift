import WasendCore
import WasendHTTP

/// Builds the HTTP requests the client makes, with nothing but values in and out, so every URL,
/// header and body can be tested without a network.
public struct CloudAPIRequestFactory: Sendable {
    public let configuration: CloudAPIClient.Configuration
    /// Made once: every send carries the same headers.
    private let sendHeaders: HTTPHeaders

    public init(configuration: CloudAPIClient.Configuration) {
        self.configuration = configuration
        var headers: HTTPHeaders = ["Authorization": "Bearer \(configuration.accessToken.value)"]
        headers.add(name: "Content-Type", value: "application/json")
        self.sendHeaders = headers
    }

    /// `POST /{version}/{phone-number-id}/messages` for `job`, its id in `biz_opaque_callback_data`.
    public func send(_ job: SendJob) -> HTTPRequest {
        HTTPRequest(
            method: .post,
            url: url(path: [job.phoneNumberID, "messages"]),
            headers: sendHeaders,
            body: CloudAPIMessageRequest(job: job).encodedBody(),
            timeout: configuration.sendTimeout)
    }

    /// `GET /{version}/{phone-number-id}?fields=…`: quality, throughput and messaging tier.
    public func phoneNumber(id: String) -> HTTPRequest {
        HTTPRequest(
            method: .get,
            url: url(path: [id], query: [("fields", PhoneNumberInfo.fields.joined(separator: ","))]),
            headers: authorizationHeaders)
    }

    /// `GET /{version}/{waba-id}/message_templates`, one page, starting after `cursor`.
    public func messageTemplates(businessAccountID: String, after cursor: String? = nil) -> HTTPRequest {
        var query = [
            ("fields", "id,name,language,status,category,components"),
            ("limit", String(configuration.templatePageSize)),
        ]
        if let cursor {
            query.append(("after", cursor))
        }
        return HTTPRequest(
            method: .get,
            url: url(path: [businessAccountID, "message_templates"], query: query),
            headers: authorizationHeaders)
    }

    private var authorizationHeaders: HTTPHeaders {
        ["Authorization": "Bearer \(configuration.accessToken.value)"]
    }

    /// Ids come from configuration and Meta; they are percent-encoded all the same so that none can
    /// change the path or add a query.
    private func url(path: [String], query: [(String, String)] = []) -> String {
        var base = configuration.baseURL
        while base.hasSuffix("/") {
            base.removeLast()
        }
        var url = ([base, configuration.apiVersion.percentEncodedComponent] + path.map(\.percentEncodedComponent))
            .joined(separator: "/")
        if !query.isEmpty {
            url +=
                "?"
                + query.map { "\($0.0.percentEncodedComponent)=\($0.1.percentEncodedComponent)" }
                .joined(separator: "&")
        }
        return url
    }
}

extension String {
    /// RFC 3986 unreserved characters stay, everything else is `%XX`-encoded.
    fileprivate var percentEncodedComponent: String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

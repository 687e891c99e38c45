import WasendCloudAPI
import WasendHTTP
import WasendTenants

/// One Cloud API client per configured sender number (each with its own token), sharing one
/// HTTP client and so its connections.
struct ProviderDirectory: Sendable {
    private let clients: [String: CloudAPIClient]

    init(numbers: [SenderNumber], baseURL: String, apiVersion: String, sendTimeout: Duration, http: HTTPClient) {
        var clients: [String: CloudAPIClient] = [:]
        for number in numbers {
            clients[number.phoneNumberID] = CloudAPIClient(
                configuration: CloudAPIClient.Configuration(
                    baseURL: baseURL, apiVersion: apiVersion,
                    accessToken: CloudAPIClient.AccessToken(number.accessToken.value), sendTimeout: sendTimeout),
                httpClient: http)
        }
        self.clients = clients
    }

    func client(for phoneNumberID: String) -> CloudAPIClient? {
        clients[phoneNumberID]
    }
}

import ServiceLifecycle
import WasendClient
import WasendHTTP

/// Runs ``DemoCampaign`` inside `wasend dev` once the API answers, through the API's HTTP
/// interface like any client; when the campaign is final, `wasend dev` shuts down.
struct DemoCampaignService: Service {
    var demo: DemoCampaign
    var client: CampaignClientConfiguration

    func run() async throws {
        let http = try HTTPClient(configuration: .init(maxInFlight: 4, protocolVersion: .http1))
        do {
            while (try? await http.execute(HTTPRequest(url: client.baseURL + "/healthz")))?.status != 200 {
                try await Task.sleep(for: .milliseconds(100))
            }
            try await demo.run(client: CampaignClient(configuration: client, http: http))
        } catch {
            await http.shutdown()
            throw error
        }
        await http.shutdown()
    }
}

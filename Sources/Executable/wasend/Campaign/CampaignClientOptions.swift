import ArgumentParser
import Foundation
import WasendClient
import WasendHTTP

/// Where the API is and the key to use, shared by every `wasend campaign` subcommand.
struct CampaignClientOptions: ParsableArguments {
    @Option(help: "The campaign API's base URL. Env: WASEND_API_URL. Default: http://127.0.0.1:8080.")
    var apiURL: String?

    /// Read at run time, not as the option's default, so the key never shows in `--help`.
    @Option(help: "The tenant's API key. Prefer the environment: WASEND_API_KEY.")
    var apiKey: String?

    /// Runs `body` with a client, and shuts the HTTP client down afterwards whatever happens.
    func withClient<Result>(_ body: (CampaignClient) async throws -> Result) async throws -> Result {
        let environment = ProcessInfo.processInfo.environment
        guard let key = apiKey ?? environment["WASEND_API_KEY"], !key.isEmpty else {
            throw ValidationError("an API key is needed: set WASEND_API_KEY (or pass --api-key)")
        }
        let configuration = CampaignClientConfiguration(
            baseURL: apiURL ?? environment["WASEND_API_URL"] ?? "http://127.0.0.1:8080", apiKey: key)
        let http = try HTTPClient(configuration: .init(maxInFlight: 4, protocolVersion: .http1))
        do {
            let result = try await body(CampaignClient(configuration: configuration, http: http))
            await http.shutdown()
            return result
        } catch {
            await http.shutdown()
            throw error
        }
    }
}

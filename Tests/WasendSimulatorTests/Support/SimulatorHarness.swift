import Foundation
import Logging
import WasendHTTP
import WasendSimulator
import WasendTestSupport

/// A running simulator and an HTTP client (Wasend's own, over loopback) to talk to it.
struct SimulatorHarness: Sendable {
    static let token = "test-token"
    static let numberID = "100000000000001"
    static let wabaID = "200000000000001"

    let baseURL: String
    let client: HTTPClient

    /// A configuration with fast, deterministic webhooks and no random duplicates.
    static func configuration(webhookPort: Int? = nil, behaviour: (inout SimulatorBehaviour) -> Void = { _ in }) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration(port: 0, accessTokens: [token], randomSeed: 42)
        configuration.behaviour.sentDelay = .milliseconds(1)
        configuration.behaviour.deliveredDelay = .milliseconds(5)
        configuration.behaviour.readDelay = .milliseconds(5)
        configuration.behaviour.readFraction = 1
        configuration.behaviour.duplicateFraction = 0
        behaviour(&configuration.behaviour)
        if let webhookPort {
            configuration.webhook.url = "http://127.0.0.1:\(webhookPort)/webhook"
            configuration.webhook.appSecret = "test-secret"
            configuration.webhook.retryInitialBackoff = .milliseconds(20)
            configuration.webhook.retryMaximumBackoff = .milliseconds(100)
        }
        return configuration
    }

    static func run<Result: Sendable>(
        _ configuration: SimulatorConfiguration,
        _ body: (SimulatorHarness) async throws -> Result
    ) async throws -> Result {
        var logger = Logger(label: "wasend.test.sim")
        logger.logLevel = .warning
        return try await withRunningService({ SimulatorService(configuration: configuration, logger: logger, onServerRunning: $0) }) { port in
            let client = try HTTPClient(configuration: .init(protocolVersion: .http1, requestTimeout: .seconds(10)), logger: logger)
            do {
                let result = try await body(SimulatorHarness(baseURL: "http://127.0.0.1:\(port)", client: client))
                await client.shutdown()
                return result
            } catch {
                await client.shutdown()
                throw error
            }
        }
    }

    /// A template send body; `jobID` goes into `biz_opaque_callback_data`.
    static func templateMessage(to recipient: String, template: String = "hello_world", language: String = "en_US", jobID: String? = nil) -> String {
        var fields = [
            #""messaging_product":"whatsapp""#, #""recipient_type":"individual""#, #""to":"\#(recipient)""#, #""type":"template""#,
            #""template":{"name":"\#(template)","language":{"code":"\#(language)"}}"#,
        ]
        if let jobID { fields.append(#""biz_opaque_callback_data":"\#(jobID)""#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    func send(_ body: String, number: String = SimulatorHarness.numberID, token: String? = SimulatorHarness.token) async throws -> HTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        return try await client.execute(
            HTTPRequest(method: .post, url: "\(baseURL)/v23.0/\(number)/messages", headers: headers, body: Array(body.utf8)))
    }

    func get(_ path: String, token: String? = SimulatorHarness.token) async throws -> HTTPResponse {
        var headers: HTTPHeaders = [:]
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        return try await client.execute(HTTPRequest(method: .get, url: baseURL + path, headers: headers))
    }

    func post(_ path: String, json: String) async throws -> HTTPResponse {
        try await client.execute(
            HTTPRequest(method: .post, url: baseURL + path, headers: ["Content-Type": "application/json"], body: Array(json.utf8)))
    }

    func report(includingJobs: Bool = false) async throws -> SimulatorReport {
        let response = try await get("/_sim/stats" + (includingJobs ? "?jobs=true" : ""), token: nil)
        return try JSONDecoder().decode(SimulatorReport.self, from: Data(response.body))
    }
}

extension HTTPResponse {
    /// The body as a JSON object.
    var json: [String: Any] {
        get throws { try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] ?? [:] }
    }

    /// `error.code` of a Graph error body.
    var errorCode: Int? {
        ((try? json)?["error"] as? [String: Any])?["code"] as? Int
    }
}

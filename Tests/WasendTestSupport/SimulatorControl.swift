import Foundation
import WasendHTTP
import WasendSimulator

/// The simulator's admin endpoints over HTTP, for tests that drive it as a separate server: what
/// it saw (`/_sim/stats`), and its behaviour changed while it runs (`/_sim/config`).
public struct SimulatorControl: Sendable {
    public var baseURL: String
    public var http: HTTPClient

    public init(baseURL: String, http: HTTPClient) {
        self.baseURL = baseURL
        self.http = http
    }

    public struct Refused: Error {
        public var status: Int
    }

    public func report(includingJobs: Bool = false) async throws -> SimulatorReport {
        let response = try await http.execute(
            HTTPRequest(url: baseURL + "/_sim/stats" + (includingJobs ? "?jobs=true" : "")))
        return try JSONDecoder().decode(SimulatorReport.self, from: Data(response.body))
    }

    /// Merges `json` (keys of ``SimulatorBehaviour``) into the running behaviour.
    public func configure(_ json: String) async throws {
        let response = try await http.execute(
            HTTPRequest(
                method: .post, url: baseURL + "/_sim/config", headers: ["Content-Type": "application/json"],
                body: Array(json.utf8)))
        guard response.status == 200 else { throw Refused(status: response.status) }
    }
}

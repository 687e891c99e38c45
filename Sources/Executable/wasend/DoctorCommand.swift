import ArgumentParser
import Foundation
import WasendDoctor
import WasendHTTP
import WasendTenants

/// `wasend doctor`: one line per check of the Meta (or simulator) configuration; exits non-zero
/// when a check failed, so a deployment pipeline can stop on it.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the tokens, numbers, templates and webhook settings against Meta (or the simulator).")

    @Option(help: "The tenants file (JSON) with the sender numbers and their tokens. Env: WASEND_TENANTS.")
    var tenants = ProcessInfo.processInfo.environment["WASEND_TENANTS"] ?? "tenants.json"

    @Option(help: "The Graph API's base URL. Env: WASEND_GRAPH_URL. Default: https://graph.facebook.com.")
    var graphURL = ProcessInfo.processInfo.environment["WASEND_GRAPH_URL"] ?? "https://graph.facebook.com"

    func run() async throws {
        let directory = try TenantDirectory.load(contentsOf: tenants)
        let environment = ProcessInfo.processInfo.environment
        let doctor = ConfigurationDoctor(
            graphURL: graphURL,
            webhookVerifyTokenIsSet: !(environment["WASEND_WEBHOOK_VERIFY_TOKEN"] ?? "").isEmpty
                || !(environment["WASEND_WEBHOOK_VERIFY_TOKEN_FILE"] ?? "").isEmpty,
            webhookAppSecretIsSet: !(environment["WASEND_WEBHOOK_APP_SECRET"] ?? "").isEmpty
                || !(environment["WASEND_WEBHOOK_APP_SECRET_FILE"] ?? "").isEmpty)
        let http = try HTTPClient(configuration: .init(maxInFlight: 8, requestTimeout: .seconds(20)))
        let checks = await doctor.checks(of: directory, http: http)
        await http.shutdown()
        for check in checks { print(check) }
        let failed = checks.filter { $0.outcome == .failed }.count
        print(failed == 0 ? "all \(checks.count) checks passed" : "\(failed) of \(checks.count) checks failed")
        if failed > 0 { throw ExitCode(1) }
    }
}

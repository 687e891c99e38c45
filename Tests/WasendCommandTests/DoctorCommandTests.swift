import Foundation
import Testing
import WasendTestSupport

@Suite("wasend doctor against the simulator", .serialized)
struct DoctorCommandTests {
    @Test("a good number passes each check, a bad token and a missing webhook secret fail with their reason")
    func doctorReportsEachCheck() async throws {
        let port = try LoopbackPort.free()
        let simulator = try WasendProcess(["sim", "--port", "\(port)", "--token", "good-token"])
        _ = try await LoopbackPort.waitUntilAccepting(port, timeout: .seconds(60))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasend-doctor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("good-token".utf8).write(to: directory.appendingPathComponent("good"))
        try Data("revoked-token".utf8).write(to: directory.appendingPathComponent("bad"))
        let tenants = directory.appendingPathComponent("tenants.json")
        try Data("""
            {"tenants": [
              {"id": "good", "api_keys": [{"file": "\(directory.path)/good"}],
               "numbers": [{"phone_number_id": "100000000000001", "business_portfolio_id": "300000000000001",
                            "whatsapp_business_account_id": "200000000000001", "display_number": "+1 555 000 0001",
                            "access_token": {"file": "\(directory.path)/good"}, "tier": "TIER_100K"}]},
              {"id": "bad", "api_keys": [{"file": "\(directory.path)/bad"}],
               "numbers": [{"phone_number_id": "100000000000002", "business_portfolio_id": "300000000000001",
                            "display_number": "+1 555 000 0002", "access_token": {"file": "\(directory.path)/bad"}}]}]}
            """.utf8).write(to: tenants)

        let doctor = try WasendProcess(["doctor", "--tenants", tenants.path, "--graph-url", "http://127.0.0.1:\(port)"])
        let status = try await doctor.waitForExit(timeout: .seconds(60))
        let lines = doctor.lines
        #expect(status != 0, "a failed check fails the command")
        #expect(lines.contains("[ok] token for 100000000000001: valid"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("[ok] number 100000000000001 (tenant good): reachable, display number") })
        #expect(lines.contains("[ok] quality of 100000000000001: GREEN"))
        #expect(lines.contains { $0.hasPrefix("[ok] messaging limit of 100000000000001:") })
        #expect(lines.contains { $0.hasPrefix("[ok] templates of WABA 200000000000001:") && $0.contains("APPROVED") })
        #expect(lines.contains { $0.hasPrefix("[FAIL] number 100000000000002 (tenant bad): the access token is invalid or expired (190)") })
        #expect(lines.contains { $0.hasPrefix("[FAIL] webhook app secret: not set") })
        simulator.signal(SIGTERM)
        _ = try await simulator.waitForExit()
    }
}

import Foundation
import Testing
import WasendTenants

@testable import WasendAPI

@Suite struct TenantDirectoryTests {
    private let environment = ["ACME_KEY": "key-acme", "ACME_TOKEN": "token-acme"]

    private func load(_ json: String) throws(TenantConfigurationError) -> TenantDirectory {
        try TenantDirectory.decode(Data(json.utf8), environment: environment)
    }

    @Test func loadsTenantsNumbersAndSecretsWithDefaults() throws {
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("wasend-token-\(UUID())")
        try "token-from-file\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tokenFile) }
        let directory = try load(
            """
            {"tenants": [{"id": "acme", "api_keys": [{"env": "ACME_KEY"}], "numbers": [
              {"phone_number_id": "1001", "business_portfolio_id": "2001", "display_number": "+1 555 0100",
               "access_token": {"env": "ACME_TOKEN"}},
              {"phone_number_id": "1002", "business_portfolio_id": "2001", "display_number": "+1 555 0101",
               "access_token": {"file": "\(tokenFile.path)"}, "throughput": 1000, "tier": "TIER_100K"}]}]}
            """)
        let tenant = try #require(directory.tenant(apiKey: "key-acme"))
        #expect(tenant.id == "acme")
        #expect(directory.tenant(apiKey: "key-acme ") == nil)
        #expect(tenant.numbers[0].throughput == 80)
        #expect(tenant.numbers[0].tier == .tier250)
        #expect(tenant.numbers[0].accessToken.value == "token-acme")
        #expect(tenant.numbers[1].accessToken.value == "token-from-file")
        #expect(tenant.numbers[1].tier == .tier100K)
        #expect("\(tenant.numbers[1].accessToken)" == "<redacted>")
    }

    /// ServiceLifecycle logs each service's description at debug level, the API's tenant directory
    /// included: neither an API key nor a token may show in it.
    @Test func theDirectoryPrintsNoKeyOrToken() throws {
        let directory = try load(
            """
            {"tenants": [{"id": "acme", "api_keys": [{"env": "ACME_KEY"}], "numbers": [
              {"phone_number_id": "1001", "business_portfolio_id": "2001", "display_number": "+1 555 0100",
               "access_token": {"env": "ACME_TOKEN"}}]}]}
            """)
        for printed in [String(describing: directory), String(reflecting: directory), "\([directory])"] {
            #expect(!printed.contains("key-acme"), "\(printed)")
            #expect(!printed.contains("token-acme"), "\(printed)")
            #expect(printed.contains("acme"), "the directory still shows its tenants")
        }
    }

    @Test func errorsNameTheField() {
        let number = #"{"phone_number_id": "1001", "business_portfolio_id": "2001", "display_number": "x", "access_token": {"env": "ACME_TOKEN"}"#
        let cases: [(String, String)] = [
            ("{", ""),
            (#"{"tenants": [{"id": "a", "api_keys": [{"env": "ACME_KEY"}], "numbers": [\#(number), "throughput": "fast"}]}]}"#,
             "tenants[0].numbers[0].throughput"),
            (#"{"tenants": [{"id": "a", "api_keys": [{"env": "ACME_KEY"}], "numbers": [\#(number), "throughput": 5000}]}]}"#,
             "tenants[0].numbers[0].throughput"),
            (#"{"tenants": [{"id": "a", "api_keys": [{"env": "ACME_KEY"}], "numbers": [\#(number), "tier": "TIER_2"}]}]}"#,
             "tenants[0].numbers[0].tier"),
            (#"{"tenants": [{"id": "a", "api_keys": [{"env": "ACME_KEY"}], "numbers": [{"phone_number_id": "1", "business_portfolio_id": "2", "display_number": "x", "access_token": "EAAG-secret"}]}]}"#,
             "tenants[0].numbers[0].access_token"),
            (#"{"tenants": [{"id": "a", "api_keys": [{"env": "MISSING"}], "numbers": []}]}"#, "tenants[0].api_keys[0]"),
            (#"{"tenants": [{"id": "a", "api_keys": [{"env": "ACME_KEY"}]}]}"#, "tenants[0].numbers"),
            (#"{"tenants": [{"id": "a", "api_keys": [{"env": "ACME_KEY"}], "numbers": []}, {"id": "b", "api_keys": [{"env": "ACME_KEY"}], "numbers": []}]}"#,
             "tenants[1].api_keys[0]"),
        ]
        for (json, field) in cases {
            do {
                _ = try load(json)
                Issue.record("accepted \(json)")
            } catch {
                #expect(error.field == field, "\(error)")
                #expect(!error.description.contains("EAAG-secret"))
            }
        }
    }
}

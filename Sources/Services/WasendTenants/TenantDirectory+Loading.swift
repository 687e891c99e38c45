import Foundation
import WasendCloudAPI
import WasendCore

extension TenantDirectory {
    /// Loads the tenants file (JSON) and resolves every secret it points to.
    ///
    /// ```json
    /// {"tenants": [{"id": "acme", "api_keys": [{"env": "ACME_API_KEY"}],
    ///   "numbers": [{"phone_number_id": "106540352242922", "business_portfolio_id": "102290129340398",
    ///                "display_number": "+1 555 0100", "access_token": {"file": "/run/secrets/acme"},
    ///                "throughput": 80, "tier": "TIER_2K"}]}]}
    /// ```
    public static func load(
        contentsOf path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TenantConfigurationError) -> TenantDirectory {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TenantConfigurationError(file: path, field: "", reason: "cannot be read")
        }
        do {
            return try decode(data, environment: environment)
        } catch {
            var located = error
            located.file = path
            throw located
        }
    }

    public static func decode(
        _ data: Data, environment: [String: String]
    ) throws(TenantConfigurationError) -> TenantDirectory {
        let file: TenantFile
        do {
            file = try JSONDecoder().decode(TenantFile.self, from: data)
        } catch let error as DecodingError {
            throw TenantConfigurationError(field: error.fieldPath, reason: error.reason)
        } catch {
            throw TenantConfigurationError(field: "", reason: "is not valid JSON")
        }
        var tenants: [Tenant] = []
        for (position, entry) in file.tenants.enumerated() {
            tenants.append(try entry.resolve(path: "tenants[\(position)]", environment: environment))
        }
        return try TenantDirectory(tenants: tenants)
    }
}

private struct TenantFile: Decodable {
    var tenants: [TenantEntry]
}

private struct TenantEntry: Decodable {
    var id: String
    var apiKeys: [SecretReference]
    var numbers: [NumberEntry]

    enum CodingKeys: String, CodingKey {
        case id
        case apiKeys = "api_keys"
        case numbers
    }

    func resolve(path: String, environment: [String: String]) throws(TenantConfigurationError) -> Tenant {
        guard !id.isEmpty else { throw TenantConfigurationError(field: "\(path).id", reason: "must not be empty") }
        guard !apiKeys.isEmpty else {
            throw TenantConfigurationError(field: "\(path).api_keys", reason: "needs at least one key")
        }
        var keys: [Secret] = []
        for (position, reference) in apiKeys.enumerated() {
            keys.append(try resolveSecret(reference, field: "\(path).api_keys[\(position)]", environment: environment))
        }
        var senderNumbers: [SenderNumber] = []
        for (position, number) in numbers.enumerated() {
            senderNumbers.append(try number.resolve(path: "\(path).numbers[\(position)]", environment: environment))
        }
        return Tenant(id: id, apiKeys: keys, numbers: senderNumbers)
    }
}

private struct NumberEntry: Decodable {
    var phoneNumberID: String
    var businessPortfolioID: String
    var displayNumber: String
    var accessToken: SecretReference
    var throughput: Int?
    var tier: String?
    var whatsappBusinessAccountID: String?

    enum CodingKeys: String, CodingKey {
        case phoneNumberID = "phone_number_id"
        case businessPortfolioID = "business_portfolio_id"
        case whatsappBusinessAccountID = "whatsapp_business_account_id"
        case displayNumber = "display_number"
        case accessToken = "access_token"
        case throughput, tier
    }

    func resolve(path: String, environment: [String: String]) throws(TenantConfigurationError) -> SenderNumber {
        for (name, value) in [
            ("phone_number_id", phoneNumberID), ("business_portfolio_id", businessPortfolioID),
            ("whatsapp_business_account_id", whatsappBusinessAccountID ?? "0"),
        ]
        where value.isEmpty || !value.allSatisfy(\.isNumber) {
            throw TenantConfigurationError(field: "\(path).\(name)", reason: "must be Meta's numeric id")
        }
        let throughput = self.throughput ?? 80
        guard (1...1_000).contains(throughput) else {
            throw TenantConfigurationError(field: "\(path).throughput", reason: "must be between 1 and 1000 messages per second")
        }
        var messagingTier = MessagingTier.tier250
        if let tier {
            guard let named = MessagingTier(tierName: tier) else {
                throw TenantConfigurationError(
                    field: "\(path).tier", reason: "must be one of \(MessagingTier.all.map(\.tierName).joined(separator: ", "))")
            }
            messagingTier = named
        }
        return SenderNumber(
            phoneNumberID: phoneNumberID, businessPortfolioID: businessPortfolioID, displayNumber: displayNumber,
            accessToken: try resolveSecret(accessToken, field: "\(path).access_token", environment: environment),
            throughput: throughput, tier: messagingTier, whatsappBusinessAccountID: whatsappBusinessAccountID)
    }
}

private func resolveSecret(
    _ reference: SecretReference, field: String, environment: [String: String]
) throws(TenantConfigurationError) -> Secret {
    do {
        return try reference.resolve(environment: environment)
    } catch {
        throw TenantConfigurationError(field: field, reason: error.reason)
    }
}

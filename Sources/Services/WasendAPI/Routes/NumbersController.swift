import Hummingbird
import WasendCampaigns
import WasendCloudAPI
import WasendCore
import WasendTenants

/// `GET /v1/numbers`: the tenant's sender numbers with their limits and recent usage, never their tokens.
struct NumbersController: Sendable {
    let store: any CampaignStore

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("numbers", use: list)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> StoredResponse {
        let tenant = try context.authenticatedTenant()
        let now = Timestamp.now
        var numbers: [NumberView] = []
        for number in tenant.numbers {
            let usage = try await store.numberUsage(
                phoneNumberID: number.phoneNumberID, portfolioID: number.businessPortfolioID, now: now)
            numbers.append(NumberView(number, usage: usage))
        }
        return try .json(.ok, ["numbers": numbers])
    }
}

/// A sender number as shown to its tenant: the access token is deliberately not a field.
struct NumberView: Encodable {
    var phoneNumberID: String
    var businessPortfolioID: String
    var displayNumber: String
    var throughput: Int
    var tier: String
    var tierLimit24h: Int?
    var usage24h: Int
    var quality: String

    init(_ number: SenderNumber, usage: NumberUsage) {
        self.phoneNumberID = number.phoneNumberID
        self.businessPortfolioID = number.businessPortfolioID
        self.displayNumber = number.displayNumber
        self.throughput = number.throughput
        self.tier = number.tier.tierName
        self.tierLimit24h = number.tier.limit
        self.usage24h = usage.recipientsLast24Hours
        self.quality = usage.quality
    }

    enum CodingKeys: String, CodingKey {
        case phoneNumberID = "phone_number_id"
        case businessPortfolioID = "business_portfolio_id"
        case displayNumber = "display_number"
        case throughput, tier, quality
        case tierLimit24h = "tier_limit_24h"
        case usage24h = "usage_24h"
    }
}

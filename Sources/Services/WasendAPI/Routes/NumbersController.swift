import Hummingbird
import WasendCampaigns
import WasendCloudAPI
import WasendCore
import WasendLimits
import WasendTenants

/// `GET /v1/numbers`: the tenant's sender numbers with their limits, recent usage and whether
/// they are stopped, never their tokens. `POST /v1/numbers/{id}/resume`: a person who fixed what
/// stopped a number (a revoked token, a block) lets its waiting jobs go again.
struct NumbersController: Sendable {
    let store: any CampaignStore
    let controls: NumberControls?

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("numbers", use: list)
        group.post("numbers/{id}/resume", use: resume)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> StoredResponse {
        let tenant = try context.authenticatedTenant()
        let now = Timestamp.now
        var numbers: [NumberView] = []
        for number in tenant.numbers {
            let usage = try await store.numberUsage(
                phoneNumberID: number.phoneNumberID, portfolioID: number.businessPortfolioID, now: now)
            numbers.append(NumberView(number, usage: usage, stoppedReason: try await stoppedReason(of: number)))
        }
        return try .json(.ok, ["numbers": numbers])
    }

    @Sendable func resume(_ request: Request, context: APIRequestContext) async throws -> StoredResponse {
        let tenant = try context.authenticatedTenant()
        let id = context.parameters.get("id") ?? ""
        guard let number = tenant.numbers.first(where: { $0.phoneNumberID == id }) else { throw APIError.numberNotFound(id) }
        guard let controls else { throw APIError.dependencyUnavailable }
        do {
            try await controls.resume(portfolioID: number.businessPortfolioID, phoneNumberID: number.phoneNumberID)
        } catch {
            throw APIError.dependencyUnavailable
        }
        let usage = try await store.numberUsage(
            phoneNumberID: number.phoneNumberID, portfolioID: number.businessPortfolioID, now: .now)
        return try .json(.ok, NumberView(number, usage: usage, stoppedReason: nil))
    }

    private func stoppedReason(of number: SenderNumber) async throws -> String? {
        guard let controls else { return nil }
        do {
            return try await controls.state(portfolioID: number.businessPortfolioID, phoneNumberID: number.phoneNumberID)
                .stoppedReason
        } catch {
            throw APIError.dependencyUnavailable
        }
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
    /// Why the senders stopped sending from it (`error_190`, …); absent while it sends.
    var stoppedReason: String?

    init(_ number: SenderNumber, usage: NumberUsage, stoppedReason: String?) {
        self.phoneNumberID = number.phoneNumberID
        self.businessPortfolioID = number.businessPortfolioID
        self.displayNumber = number.displayNumber
        self.throughput = number.throughput
        self.tier = number.tier.tierName
        self.tierLimit24h = number.tier.limit
        self.usage24h = usage.recipientsLast24Hours
        self.quality = usage.quality
        self.stoppedReason = stoppedReason
    }

    enum CodingKeys: String, CodingKey {
        case phoneNumberID = "phone_number_id"
        case businessPortfolioID = "business_portfolio_id"
        case displayNumber = "display_number"
        case throughput, tier, quality
        case tierLimit24h = "tier_limit_24h"
        case stoppedReason = "stopped_reason"
        case usage24h = "usage_24h"
    }
}

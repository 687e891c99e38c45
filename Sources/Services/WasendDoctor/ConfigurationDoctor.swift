import WasendCloudAPI
import WasendHTTP
import WasendTenants

/// Checks a Meta (or simulator) configuration before a campaign depends on it: for each sender
/// number, that its token works, the number answers with the expected display number, and its
/// quality, throughput and messaging limit; its templates and their status; and that webhooks
/// can be verified. Reads only: nothing is sent.
public struct ConfigurationDoctor: Sendable {
    public var graphURL: String
    public var webhookVerifyTokenIsSet: Bool
    public var webhookAppSecretIsSet: Bool

    public init(graphURL: String, webhookVerifyTokenIsSet: Bool, webhookAppSecretIsSet: Bool) {
        self.graphURL = graphURL
        self.webhookVerifyTokenIsSet = webhookVerifyTokenIsSet
        self.webhookAppSecretIsSet = webhookAppSecretIsSet
    }

    public func checks(of directory: TenantDirectory, http: HTTPClient) async -> [DoctorCheck] {
        var checks: [DoctorCheck] = [
            webhookVerifyTokenIsSet
                ? DoctorCheck("webhook verify token", .ok, "set")
                : DoctorCheck("webhook verify token", .failed, "not set: set WASEND_WEBHOOK_VERIFY_TOKEN to the token entered in Meta's webhook settings"),
            webhookAppSecretIsSet
                ? DoctorCheck("webhook app secret", .ok, "set")
                : DoctorCheck("webhook app secret", .failed, "not set: set WASEND_WEBHOOK_APP_SECRET to the app's secret, or signatures cannot be verified"),
        ]
        for tenant in directory.tenants {
            for number in tenant.numbers {
                checks += await self.checks(of: number, tenant: tenant.id, http: http)
            }
        }
        return checks
    }

    private func checks(of number: SenderNumber, tenant: String, http: HTTPClient) async -> [DoctorCheck] {
        let subject = "number \(number.phoneNumberID) (tenant \(tenant))"
        let client = CloudAPIClient(
            configuration: .init(baseURL: graphURL, accessToken: .init(number.accessToken.value)), httpClient: http)
        let info: PhoneNumberInfo
        do {
            info = try await client.phoneNumber(id: number.phoneNumberID)
        } catch {
            return [Self.failure(subject, error)]
        }
        var checks = [DoctorCheck("token for \(number.phoneNumberID)", .ok, "valid")]
        let display = info.displayPhoneNumber ?? "?"
        let digits = { (text: String) in text.filter(\.isNumber) }
        checks.append(
            digits(display) == digits(number.displayNumber)
                ? DoctorCheck(subject, .ok, "reachable, display number \(display), name \(info.verifiedName ?? "?")")
                : DoctorCheck(subject, .warning, "reachable, but Meta's display number is \(display), the configuration says \(number.displayNumber)"))
        let quality = info.qualityRating ?? "UNKNOWN"
        checks.append(DoctorCheck("quality of \(number.phoneNumberID)", quality == "RED" ? .warning : .ok, quality))
        if let throughput = info.throughput?.level {
            checks.append(DoctorCheck("throughput of \(number.phoneNumberID)", .ok, "\(throughput) (configured \(number.throughput)/s)"))
        }
        let tier = info.messagingLimitTier ?? "unknown"
        checks.append(
            DoctorCheck(
                "messaging limit of \(number.phoneNumberID)", info.messagingTier == nil ? .warning : .ok,
                "\(tier) (configured \(number.tier.tierName))"))
        guard let waba = number.whatsappBusinessAccountID else {
            checks.append(DoctorCheck("templates of \(number.phoneNumberID)", .warning, "not checked: add whatsapp_business_account_id to the number"))
            return checks
        }
        do {
            let templates = try await client.messageTemplates(businessAccountID: waba)
            let approved = templates.filter { $0.status == "APPROVED" }
            let listing = templates.prefix(10).map { "\($0.name)/\($0.language) \($0.status)" }.joined(separator: ", ")
            checks.append(
                DoctorCheck(
                    "templates of WABA \(waba)", approved.isEmpty ? .failed : .ok,
                    "\(approved.count) of \(templates.count) approved" + (listing.isEmpty ? "" : ": \(listing)")
                        + (templates.count > 10 ? ", …" : "")))
        } catch {
            checks.append(Self.failure("templates of WABA \(waba)", error))
        }
        return checks
    }

    private static func failure(_ subject: String, _ error: CloudAPIError) -> DoctorCheck {
        switch error.code {
        case 190: DoctorCheck(subject, .failed, "the access token is invalid or expired (190): issue a new system-user token")
        case 100, 803: DoctorCheck(subject, .failed, "Meta does not know this id or the token cannot see it (\(error.code!)): check the id and the token's assets")
        case 10, 200: DoctorCheck(subject, .failed, "the token lacks the permission (\(error.code!)): grant whatsapp_business_management and whatsapp_business_messaging")
        default: DoctorCheck(subject, .failed, "\(error)")
        }
    }
}

/// The value of an `account_update` change: the WhatsApp Business Account was restricted, banned,
/// verified, or otherwise changed. Details Wasend does not act on are left out.
public struct WebhookAccountUpdate: Codable, Hashable, Sendable {
    /// `ACCOUNT_RESTRICTION`, `DISABLED_UPDATE`, `ACCOUNT_VIOLATION`, `VERIFIED_ACCOUNT`, …
    public var event: String
    public var phoneNumber: String?
    public var banInfo: BanInfo?
    public var restrictionInfo: [Restriction]?
    public var violationInfo: ViolationInfo?

    public init(
        event: String,
        phoneNumber: String? = nil,
        banInfo: BanInfo? = nil,
        restrictionInfo: [Restriction]? = nil,
        violationInfo: ViolationInfo? = nil
    ) {
        self.event = event
        self.phoneNumber = phoneNumber
        self.banInfo = banInfo
        self.restrictionInfo = restrictionInfo
        self.violationInfo = violationInfo
    }

    enum CodingKeys: String, CodingKey {
        case event
        case phoneNumber = "phone_number"
        case banInfo = "ban_info"
        case restrictionInfo = "restriction_info"
        case violationInfo = "violation_info"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.event = try container.decode(String.self, forKey: .event)
        self.phoneNumber = try container.decodeLenientStringIfPresent(forKey: .phoneNumber)
        self.banInfo = try container.decodeIfPresent(BanInfo.self, forKey: .banInfo)
        self.restrictionInfo = try container.decodeIfPresent([Restriction].self, forKey: .restrictionInfo)
        self.violationInfo = try container.decodeIfPresent(ViolationInfo.self, forKey: .violationInfo)
    }

    public struct BanInfo: Codable, Hashable, Sendable {
        /// `SCHEDULE_FOR_DISABLE`, `DISABLE`, `REINSTATE`.
        public var wabaBanState: String?
        public var wabaBanDate: String?

        public init(wabaBanState: String? = nil, wabaBanDate: String? = nil) {
            self.wabaBanState = wabaBanState
            self.wabaBanDate = wabaBanDate
        }

        enum CodingKeys: String, CodingKey {
            case wabaBanState = "waba_ban_state"
            case wabaBanDate = "waba_ban_date"
        }
    }

    public struct Restriction: Codable, Hashable, Sendable {
        /// `RESTRICTED_BIZ_INITIATED_MESSAGING`, `RESTRICTED_ADD_PHONE_NUMBER_ACTION`, …
        public var restrictionType: String
        /// Unix seconds.
        public var expiration: String?

        public init(restrictionType: String, expiration: String? = nil) {
            self.restrictionType = restrictionType
            self.expiration = expiration
        }

        enum CodingKeys: String, CodingKey {
            case restrictionType = "restriction_type"
            case expiration
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.restrictionType = try container.decode(String.self, forKey: .restrictionType)
            self.expiration = try container.decodeLenientStringIfPresent(forKey: .expiration)
        }
    }

    public struct ViolationInfo: Codable, Hashable, Sendable {
        public var violationType: String?

        public init(violationType: String? = nil) {
            self.violationType = violationType
        }

        enum CodingKeys: String, CodingKey {
            case violationType = "violation_type"
        }
    }
}

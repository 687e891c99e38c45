import WasendCore

extension WebhookEvent {
    /// One delivery status (`sent`, `delivered`, `read`, `failed`, …) of one message.
    public struct StatusUpdate: Hashable, Sendable {
        /// The status as reported: a delivery status, or a value with no delivery meaning
        /// (`deleted`, or one Meta adds) kept as it came.
        public enum ReportedStatus: Hashable, Sendable {
            case delivery(DeliveryStatus)
            case other(String)

            init(wireValue: String) {
                if let status = DeliveryStatus(webhookStatus: wireValue) {
                    self = .delivery(status)
                } else {
                    self = .other(wireValue)
                }
            }
        }

        /// Who the message went to. Newer payloads may carry only a business-scoped user id:
        /// correlate on `wamid` and `jobID`, not on the recipient.
        public enum Recipient: Hashable, Sendable {
            case waID(String)
            case userID(String)
        }

        public var businessAccountID: String
        public var phoneNumberID: String?
        public var wamid: String
        public var status: ReportedStatus
        public var timestamp: Timestamp
        public var recipient: Recipient?
        /// The job this message was sent for, from `biz_opaque_callback_data`.
        public var jobID: JobID?
        /// The job's campaign, from `biz_opaque_callback_data` when the send put it there.
        public var campaignID: String?
        /// `marketing`, `utility`, `authentication`, `service`, …, when Meta reports pricing.
        public var pricingCategory: String?
        public var billable: Bool?
        /// Why a `failed` message failed, each with the core's advice.
        public var errors: [CloudAPIError]

        public init(
            businessAccountID: String,
            phoneNumberID: String?,
            wamid: String,
            status: ReportedStatus,
            timestamp: Timestamp,
            recipient: Recipient?,
            jobID: JobID?,
            campaignID: String? = nil,
            pricingCategory: String? = nil,
            billable: Bool? = nil,
            errors: [CloudAPIError] = []
        ) {
            self.businessAccountID = businessAccountID
            self.phoneNumberID = phoneNumberID
            self.wamid = wamid
            self.status = status
            self.timestamp = timestamp
            self.recipient = recipient
            self.jobID = jobID
            self.campaignID = campaignID
            self.pricingCategory = pricingCategory
            self.billable = billable
            self.errors = errors
        }
    }
}

extension WebhookEvent.StatusUpdate {
    /// What this status means for the message's delivery state, ready for `DeliveryState.record`;
    /// `nil` for statuses that say nothing about delivery (`deleted`, unknown values).
    public var deliveryEvent: DeliveryEvent? {
        guard case .delivery(let status) = status else { return nil }
        return DeliveryEvent(status: status, at: timestamp, errorCode: errors.first?.code)
    }
}

import Foundation
import WasendCloudAPI
import WasendCore
import WasendTenants

extension CreateCampaignRequest {
    /// The campaign this request describes, in state `draft`, or the first thing wrong with it.
    /// Structural problems are 400s; a well-formed request the tenant may not make is a 422.
    func campaign(id: String, for tenant: Tenant) throws(APIError) -> Campaign {
        guard !name.trimmingASCIISpaces().isEmpty else { throw .invalidField("name", "must not be empty") }
        guard name.count <= 200 else { throw .invalidField("name", "must be at most 200 characters") }
        guard let number = tenant.number(id: from) else {
            throw .unprocessable(
                "from", code: "unknown_sender_number", "\(from) is not one of this tenant's sender numbers")
        }
        let message: MessageSpec
        switch (template, text) {
        case (nil, nil): throw .missingField("template")
        case (.some, .some): throw .invalidField("text", "give either template or text, not both")
        case (let template?, nil): message = .template(template)
        case (nil, let text?):
            guard !text.segments.isEmpty else { throw .invalidField("text", "must not be empty") }
            message = .text(TextSpec(body: text))
        }
        if let problem = message.problems.first {
            // Core names fields from the campaign (`message.template.name`); the request has them at the top.
            let field = problem.field
                .replacingOccurrences(of: "message.text.body", with: "text")
                .replacingOccurrences(of: "message.", with: "")
            throw .invalidField(field, problem.message)
        }
        let limits = self.limits ?? CampaignLimits()
        try limits.validate(against: number)
        return Campaign(
            id: id, name: name, phoneNumberID: number.phoneNumberID, portfolioID: number.businessPortfolioID,
            category: category, message: message,
            schedule: CampaignSchedule(startAt: startAt.map(Timestamp.init(date:))), limits: limits)
    }
}

extension CampaignLimits {
    /// Overrides may only slow a campaign down: they must fit the sender number's own limits.
    func validate(against number: SenderNumber) throws(APIError) {
        if let field = invalidField { throw .invalidField("limits.\(field)", "must be positive") }
        if let rate = messagesPerSecond, rate > number.throughput {
            throw .unprocessable(
                "limits.messages_per_second", code: "limit_out_of_range",
                "must be at most the sender number's throughput, \(number.throughput)")
        }
        if let cap = recipientsPer24Hours, let tierCap = number.tier.limit, cap > tierCap {
            throw .unprocessable(
                "limits.recipients_per_24h", code: "limit_out_of_range",
                "must be at most the sender number's tier, \(number.tier.tierName)")
        }
    }
}

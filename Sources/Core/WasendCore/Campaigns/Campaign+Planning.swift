extension Campaign {
    /// The send job for one uploaded recipient, or why there is none.
    ///
    /// Pure and deterministic: planning the same recipient twice gives the same job (same
    /// ``JobID``), which is what makes a replayed expansion harmless. Duplicate recipients within
    /// a campaign share a job id; the planner drops the repeats by id.
    public func job(for recipient: Recipient, notBefore: Timestamp? = nil, priority: Int = 0)
        -> Result<SendJob, RecipientRejection>
    {
        let phone: PhoneNumber
        do {
            phone = try PhoneNumber(parsing: recipient.phone)
        } catch {
            return .failure(.invalidPhoneNumber(error))
        }
        guard recipient.optedIn else { return .failure(.notOptedIn) }
        let content: MessageContent
        do {
            content = try message.render(for: phone, variables: recipient.variables)
        } catch {
            return .failure(.renderFailed(error))
        }
        return .success(
            SendJob(
                jobID: JobID(campaignID: id, recipient: phone), campaignID: id, phoneNumberID: phoneNumberID,
                portfolioID: portfolioID, recipient: phone, category: category, message: content,
                notBefore: notBefore ?? schedule.startAt, priority: priority))
    }
}

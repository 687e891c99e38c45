import Hummingbird
import Metrics
import WasendCore

extension CampaignController {
    /// Streams an upload of any size into `wasend.recipients`, batch by batch, holding one batch and
    /// one row in memory. A bad row or an oversized body stops the upload: its batches already in
    /// Kafka are voided by an abort marker (or simply by never getting their commit marker).
    @Sendable func uploadRecipients(_ request: Request, context: APIRequestContext) async throws -> StoredResponse {
        let tenant = try context.authenticatedTenant()
        return try await idempotency.run(request, tenant: tenant, logger: context.logger) {
            let campaign = try await ownedCampaign(context)
            let status = campaign.record.campaign.state.status
            guard !status.isFinal else {
                throw APIError(
                    .conflict, code: "campaign_closed", message: "a \(status) campaign takes no more recipients",
                    field: "state")
            }
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > configuration.maxUploadBytes {
                throw APIError.tooLarge(limit: configuration.maxUploadBytes)
            }
            var upload = newUpload(campaignID: campaign.record.id)
            let commit: RecipientStreamRecord.UploadCommit
            do {
                switch try UploadFormat(request) {
                case .csv:
                    var parser = CSVRecipientParser()
                    commit = try await stream(request.body, through: &parser, into: &upload)
                case .ndjson:
                    var parser = NDJSONRecipientParser()
                    commit = try await stream(request.body, through: &parser, into: &upload)
                }
            } catch let error as APIError {
                await upload.abort(reason: error.code, logger: context.logger)
                Counter(label: "wasend_api_uploads_rejected_total", dimensions: [("reason", error.code)]).increment()
                throw error
            } catch {
                await upload.abort(reason: "internal_error", logger: context.logger)
                throw error
            }
            try await store.addRecipientsReceived(campaignID: campaign.record.id, count: commit.recipients)
            Counter(label: "wasend_api_recipients_received_total").increment(by: commit.recipients)
            context.logger.info(
                "recipients uploaded",
                metadata: ["campaign_id": "\(campaign.record.id)", "upload_id": "\(commit.uploadID)", "recipients": "\(commit.recipients)"])
            return try .json(.accepted, UploadReceipt(commit))
        }
    }

    private func stream(
        _ body: RequestBody, through parser: inout some RecipientRowParser, into upload: inout RecipientUpload
    ) async throws -> RecipientStreamRecord.UploadCommit {
        var bytes = 0
        for try await chunk in body {
            bytes += chunk.readableBytes
            guard bytes <= configuration.maxUploadBytes else { throw APIError.tooLarge(limit: configuration.maxUploadBytes) }
            try await upload.add(try parser.rows(in: chunk))
        }
        try await upload.add(try parser.finish())
        return try await upload.commit()
    }
}

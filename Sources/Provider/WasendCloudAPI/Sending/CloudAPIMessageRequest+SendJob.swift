import WasendCore

extension CloudAPIMessageRequest {
    /// The request that sends `job`. The job id and its campaign always travel in
    /// `biz_opaque_callback_data` (``JobCallbackData``), so every status webhook of the message
    /// names the job and its ledger entry, even when the sender died before it saw the wamid.
    public init(job: SendJob) {
        let callbackData = JobCallbackData(jobID: job.jobID, campaignID: job.campaignID).encoded
        switch job.message {
        case .template(let template):
            self.init(
                to: job.recipient.digits, type: "template", template: Template(template),
                bizOpaqueCallbackData: callbackData)
        case .text(let text):
            self.init(
                to: job.recipient.digits, type: "text", text: Text(body: text.body, previewURL: text.previewURL),
                bizOpaqueCallbackData: callbackData)
        }
    }

    /// The JSON body, ready to POST.
    public func encodedBody() -> [UInt8] {
        jsonBytes()
    }
}

extension CloudAPIMessageRequest.Template {
    init(_ template: TemplateMessage) {
        self.init(
            name: template.name,
            language: Language(code: template.languageCode),
            components: template.components.isEmpty ? nil : template.components.map(Component.init))
    }
}

extension CloudAPIMessageRequest.Template.Component {
    init(_ component: TemplateComponent) {
        self.init(
            type: component.kind.rawValue,
            subType: component.buttonSubType?.rawValue,
            index: component.buttonIndex.map(String.init),
            parameters: component.parameters.map(CloudAPIMessageRequest.Template.Parameter.init))
    }
}

extension CloudAPIMessageRequest.Template.Parameter {
    init(_ parameter: TemplateParameter) {
        typealias Template = CloudAPIMessageRequest.Template
        switch parameter {
        case .text(let text):
            self.init(type: "text", text: text)
        case .currency(let fallback, let code, let amount1000):
            self.init(
                type: "currency",
                currency: Template.Currency(fallbackValue: fallback, code: code, amount1000: amount1000))
        case .dateTime(let fallback):
            self.init(type: "date_time", dateTime: Template.DateTime(fallbackValue: fallback))
        case .image(let media):
            self.init(type: "image", image: Template.Media(media))
        case .document(let media):
            self.init(type: "document", document: Template.Media(media))
        case .video(let media):
            self.init(type: "video", video: Template.Media(media))
        case .payload(let payload):
            self.init(type: "payload", payload: payload)
        }
    }
}

extension CloudAPIMessageRequest.Template.Media {
    init(_ reference: MediaReference) {
        switch reference {
        case .id(let id): self.init(id: id)
        case .link(let link): self.init(link: link)
        }
    }
}

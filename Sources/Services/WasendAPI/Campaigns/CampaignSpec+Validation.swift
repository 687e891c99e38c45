import WasendCore

extension CampaignSpec {
    /// Checks what JSON decoding cannot: the rules that need the tenant or span several fields.
    /// Structural problems are 400s; a well-formed request the tenant may not make is a 422.
    func validate(for tenant: Tenant) throws(APIError) {
        guard !name.trimmingASCIISpaces().isEmpty else { throw .invalidField("name", "must not be empty") }
        guard name.count <= 200 else { throw .invalidField("name", "must be at most 200 characters") }
        guard let number = tenant.number(id: from) else {
            throw .unprocessable(
                "from", code: "unknown_sender_number", "\(from) is not one of this tenant's sender numbers")
        }
        switch (template, text) {
        case (nil, nil): throw .missingField("template")
        case (.some, .some): throw .invalidField("text", "give either template or text, not both")
        case (let template?, nil): try template.validate()
        case (nil, let text?):
            guard !text.isEmpty else { throw .invalidField("text", "must not be empty") }
            guard text.count <= TextMessage.maximumBodyLength else {
                throw .invalidField("text", "must be at most \(TextMessage.maximumBodyLength) characters")
            }
            try VariableReferences.validate(text, field: "text")
        }
        if let limits { try limits.validate(against: number) }
    }
}

extension TemplateSpec {
    func validate() throws(APIError) {
        guard !name.trimmingASCIISpaces().isEmpty else { throw .invalidField("template.name", "must not be empty") }
        let languageIsValid =
            (2...8).contains(language.count)
            && language.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "_") }
        guard languageIsValid else { throw .invalidField("template.language", "must be a language code such as en_US") }
        for (componentIndex, component) in components.enumerated() {
            for (parameterIndex, parameter) in component.parameters.enumerated() {
                let field = "template.components[\(componentIndex)].parameters[\(parameterIndex)]"
                switch parameter {
                case .text(let text):
                    try VariableReferences.validate(text, field: "\(field).text")
                case .payload(let payload):
                    try VariableReferences.validate(payload, field: "\(field).payload")
                case .currency, .dateTime, .image, .document, .video:
                    break
                }
            }
        }
    }
}

extension CampaignLimits {
    func validate(against number: SenderNumber) throws(APIError) {
        if let rate = messagesPerSecond, !(1...number.throughput).contains(rate) {
            throw .unprocessable(
                "limits.messages_per_second", code: "limit_out_of_range",
                "must be between 1 and the sender number's throughput, \(number.throughput)")
        }
        if let cap = maxRecipientsPer24Hours {
            let tierCap = number.tier.uniqueRecipientsPer24Hours ?? Int.max
            guard (1...tierCap).contains(cap) else {
                throw .unprocessable(
                    "limits.max_recipients_per_24h", code: "limit_out_of_range",
                    "must be between 1 and the sender number's tier, \(number.tier.rawValue)")
            }
        }
    }
}

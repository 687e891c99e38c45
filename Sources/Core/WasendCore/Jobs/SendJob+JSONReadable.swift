/// The sender reads every job it sends: by ``JSONReader``, accepting what the `Decodable` form
/// accepts (members in any order, unknown ones ignored, `not_before` absent or null). The coding
/// tests read generated jobs both ways and compare.
extension SendJob: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var jobID: String?
        var campaignID: String?
        var phoneNumberID: String?
        var portfolioID: String?
        var recipient: PhoneNumber?
        var category: MessageCategory?
        var message: MessageContent?
        var attempt: Int?
        var notBefore: Timestamp?
        var priority: Int?
        var uploadedRow: UploadedRow?
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "job_id": jobID = try reader.readString()
            case "campaign_id": campaignID = try reader.readString()
            case "phone_number_id": phoneNumberID = try reader.readString()
            case "portfolio_id": portfolioID = try reader.readString()
            case "recipient":
                let digits = try reader.readString()
                do {
                    recipient = try PhoneNumber(e164Digits: digits)
                } catch {
                    throw reader.invalid("recipient is not an E.164 phone number: \(error)")
                }
            case "category": category = try reader.readEnum(MessageCategory.self, "category")
            case "message": message = try MessageContent(reading: &reader)
            case "attempt": attempt = try reader.readInt()
            case "not_before":
                notBefore = reader.readNull() ? nil : Timestamp(millisecondsSinceEpoch: try reader.readInteger())
            case "priority": priority = try reader.readInt()
            case "uploaded_row": uploadedRow = reader.readNull() ? nil : try UploadedRow(reading: &reader)
            default: try reader.skipValue()
            }
        }
        self.init(
            jobID: JobID(rawValue: try reader.required(jobID, "job_id")),
            campaignID: try reader.required(campaignID, "campaign_id"),
            phoneNumberID: try reader.required(phoneNumberID, "phone_number_id"),
            portfolioID: try reader.required(portfolioID, "portfolio_id"),
            recipient: try reader.required(recipient, "recipient"), category: try reader.required(category, "category"),
            message: try reader.required(message, "message"), attempt: try reader.required(attempt, "attempt"),
            notBefore: notBefore, priority: try reader.required(priority, "priority"), uploadedRow: uploadedRow)
    }
}

extension Message: JSONReadable where Text == String {
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var type: String?
        var template: TemplateMessage?
        var text: TextMessage?
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "type": type = try reader.readString()
            case "template": template = try TemplateMessage(reading: &reader)
            case "text": text = try TextMessage(reading: &reader)
            default: try reader.skipValue()
            }
        }
        switch try reader.required(type, "type") {
        case "template": self = .template(try reader.required(template, "template"))
        case "text": self = .text(try reader.required(text, "text"))
        case let other: throw reader.invalid("unknown message type \"\(other)\"")
        }
    }
}

extension Template: JSONReadable where Text == String {
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var name: String?
        var languageCode: String?
        var components: [Component]?
        try reader.readObject { reader, member throws(JSONReadError) in
            switch member {
            case "name": name = try reader.readString()
            case "language_code": languageCode = try reader.readString()
            case "components":
                var read: [Component] = []
                try reader.readArray { reader throws(JSONReadError) in read.append(try Component(reading: &reader)) }
                components = read
            default: try reader.skipValue()
            }
        }
        self.init(
            name: try reader.required(name, "name"), languageCode: try reader.required(languageCode, "language_code"),
            components: try reader.required(components, "components"))
    }
}

extension Template.Component: JSONReadable where Text == String {
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var kind: Kind?
        var buttonSubType: ButtonSubType?
        var buttonIndex: Int?
        var parameters: [Template.Parameter]?
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "type": kind = try reader.readEnum(Kind.self, "component type")
            case "sub_type":
                buttonSubType = reader.readNull() ? nil : try reader.readEnum(ButtonSubType.self, "button sub_type")
            case "index": buttonIndex = reader.readNull() ? nil : try reader.readInt()
            case "parameters":
                var read: [Template.Parameter] = []
                try reader.readArray { reader throws(JSONReadError) in read.append(try Template.Parameter(reading: &reader)) }
                parameters = read
            default: try reader.skipValue()
            }
        }
        self.init(
            kind: try reader.required(kind, "type"), buttonSubType: buttonSubType, buttonIndex: buttonIndex,
            parameters: try reader.required(parameters, "parameters"))
    }
}

extension Template.Parameter: JSONReadable where Text == String {
    /// Members come in any order, so each is read as it comes and `type` picks one at the end.
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var type: String?
        var text: String?
        var payload: String?
        var currency: (fallback: String, code: String, amount1000: Int64)?
        var dateTimeFallback: String?
        var media: [String: MediaReference] = [:]
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "type": type = try reader.readString()
            case "text": text = try reader.readString()
            case "payload": payload = try reader.readString()
            case "currency":
                var fallback: String?
                var code: String?
                var amount1000: Int64?
                try reader.readObject { reader, name throws(JSONReadError) in
                    switch name {
                    case "fallback_value": fallback = try reader.readString()
                    case "code": code = try reader.readString()
                    case "amount_1000": amount1000 = try reader.readInteger()
                    default: try reader.skipValue()
                    }
                }
                currency = (
                    try reader.required(fallback, "fallback_value"), try reader.required(code, "code"),
                    try reader.required(amount1000, "amount_1000")
                )
            case "date_time":
                var fallback: String?
                try reader.readObject { reader, name throws(JSONReadError) in
                    if name == "fallback_value" { fallback = try reader.readString() } else { try reader.skipValue() }
                }
                dateTimeFallback = try reader.required(fallback, "fallback_value")
            case "image", "document", "video": media[name] = try MediaReference(reading: &reader)
            default: try reader.skipValue()
            }
        }
        switch try reader.required(type, "type") {
        case "text": self = .text(try reader.required(text, "text"))
        case "payload": self = .payload(try reader.required(payload, "payload"))
        case "currency":
            let currency = try reader.required(currency, "currency")
            self = .currency(fallback: currency.fallback, code: currency.code, amount1000: currency.amount1000)
        case "date_time": self = .dateTime(fallback: try reader.required(dateTimeFallback, "date_time"))
        case "image": self = .image(try reader.required(media["image"], "image"))
        case "document": self = .document(try reader.required(media["document"], "document"))
        case "video": self = .video(try reader.required(media["video"], "video"))
        case let other: throw reader.invalid("unknown parameter type \"\(other)\"")
        }
    }
}

extension Media: JSONReadable where Text == String {
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var id: String?
        var link: String?
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "id": id = reader.readNull() ? nil : try reader.readString()
            case "link": link = try reader.readString()
            default: try reader.skipValue()
            }
        }
        if let id {
            self = .id(id)
        } else {
            self = .link(try reader.required(link, "link"))
        }
    }
}

extension FreeformText: JSONReadable where Text == String {
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var body: String?
        var previewURL: Bool?
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "body": body = try reader.readString()
            case "preview_url": previewURL = try reader.readBool()
            default: try reader.skipValue()
            }
        }
        self.init(body: try reader.required(body, "body"), previewURL: try reader.required(previewURL, "preview_url"))
    }
}

/// A rendered message writes itself in the same shape as its `Encodable` form (the shape a
/// campaign's spec shares), once per job on the planner's and the sender's hot path. The coding
/// tests hold the two equal for generated messages.
extension Message: JSONWritable where Text == String {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        switch self {
        case .template(let template):
            writer.member("type", "template")
            writer.member("template", template)
        case .text(let text):
            writer.member("type", "text")
            writer.member("text", text)
        }
        writer.endObject()
    }
}

extension Template: JSONWritable where Text == String {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("name", name)
        writer.member("language_code", languageCode)
        writer.key("components")
        writer.beginArray()
        for component in components { writer.value(component) }
        writer.endArray()
        writer.endObject()
    }
}

extension Template.Component: JSONWritable where Text == String {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("type", kind.rawValue)
        writer.member("sub_type", ifPresent: buttonSubType?.rawValue)
        if let buttonIndex { writer.member("index", buttonIndex) }
        writer.key("parameters")
        writer.beginArray()
        for parameter in parameters { writer.value(parameter) }
        writer.endArray()
        writer.endObject()
    }
}

extension Template.Parameter: JSONWritable where Text == String {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        switch self {
        case .text(let text):
            writer.member("type", "text")
            writer.member("text", text)
        case .currency(let fallback, let code, let amount1000):
            writer.member("type", "currency")
            writer.key("currency")
            writer.beginObject()
            writer.member("fallback_value", fallback)
            writer.member("code", code)
            writer.member("amount_1000", amount1000)
            writer.endObject()
        case .dateTime(let fallback):
            writer.member("type", "date_time")
            writer.key("date_time")
            writer.beginObject()
            writer.member("fallback_value", fallback)
            writer.endObject()
        case .image(let media):
            writer.member("type", "image")
            writer.member("image", media)
        case .document(let media):
            writer.member("type", "document")
            writer.member("document", media)
        case .video(let media):
            writer.member("type", "video")
            writer.member("video", media)
        case .payload(let payload):
            writer.member("type", "payload")
            writer.member("payload", payload)
        }
        writer.endObject()
    }
}

extension Media: JSONWritable where Text == String {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        switch self {
        case .id(let id): writer.member("id", id)
        case .link(let link): writer.member("link", link)
        }
        writer.endObject()
    }
}

extension FreeformText: JSONWritable where Text == String {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("body", body)
        writer.member("preview_url", previewURL)
        writer.endObject()
    }
}

import WasendCore

/// The request body as `JSONEncoder` would write it (optionals absent when nil), in the order of
/// the Graph API's documentation, without escaping slashes in links.
extension CloudAPIMessageRequest: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("messaging_product", messagingProduct)
        writer.member("recipient_type", ifPresent: recipientType)
        writer.member("to", to)
        writer.member("type", type)
        writer.member("template", ifPresent: template)
        writer.member("text", ifPresent: text)
        writer.member("biz_opaque_callback_data", ifPresent: bizOpaqueCallbackData)
        writer.endObject()
    }
}

extension CloudAPIMessageRequest.Text: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("body", body)
        if let previewURL { writer.member("preview_url", previewURL) }
        writer.endObject()
    }
}

extension CloudAPIMessageRequest.Template: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("name", name)
        writer.member("language", language)
        if let components {
            writer.key("components")
            writer.beginArray()
            for component in components { writer.value(component) }
            writer.endArray()
        }
        writer.endObject()
    }
}

extension CloudAPIMessageRequest.Template.Language: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("code", code)
        writer.member("policy", ifPresent: policy)
        writer.endObject()
    }
}

extension CloudAPIMessageRequest.Template.Component: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("type", type)
        writer.member("sub_type", ifPresent: subType)
        writer.member("index", ifPresent: index)
        if let parameters {
            writer.key("parameters")
            writer.beginArray()
            for parameter in parameters { writer.value(parameter) }
            writer.endArray()
        }
        writer.endObject()
    }
}

extension CloudAPIMessageRequest.Template.Parameter: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("type", type)
        writer.member("text", ifPresent: text)
        writer.member("currency", ifPresent: currency)
        writer.member("date_time", ifPresent: dateTime)
        writer.member("image", ifPresent: image)
        writer.member("document", ifPresent: document)
        writer.member("video", ifPresent: video)
        writer.member("payload", ifPresent: payload)
        writer.endObject()
    }
}

extension CloudAPIMessageRequest.Template.Currency: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("fallback_value", fallbackValue)
        writer.member("code", code)
        writer.member("amount_1000", amount1000)
        writer.endObject()
    }
}

extension CloudAPIMessageRequest.Template.DateTime: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("fallback_value", fallbackValue)
        writer.endObject()
    }
}

extension CloudAPIMessageRequest.Template.Media: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", ifPresent: id)
        writer.member("link", ifPresent: link)
        writer.member("caption", ifPresent: caption)
        writer.member("filename", ifPresent: filename)
        writer.endObject()
    }
}

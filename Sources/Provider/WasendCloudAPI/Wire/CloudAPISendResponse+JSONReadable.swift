import WasendCore

/// Every send is answered with one of these: read by ``JSONReader`` like its `Decodable` form
/// (optional members absent or null, unknown members ignored).
extension CloudAPISendResponse: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var messagingProduct: String?
        var contacts: [Contact]?
        var messages: [Message]?
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "messaging_product": messagingProduct = reader.readNull() ? nil : try reader.readString()
            case "contacts":
                guard !reader.readNull() else { return }
                var read: [Contact] = []
                try reader.readArray { reader throws(JSONReadError) in read.append(try Contact(reading: &reader)) }
                contacts = read
            case "messages":
                var read: [Message] = []
                try reader.readArray { reader throws(JSONReadError) in read.append(try Message(reading: &reader)) }
                messages = read
            default: try reader.skipValue()
            }
        }
        self.init(
            messagingProduct: messagingProduct, contacts: contacts, messages: try reader.required(messages, "messages"))
    }
}

extension CloudAPISendResponse.Contact: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var input: String?
        var waID: String?
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "input": input = try reader.readString()
            case "wa_id": waID = reader.readNull() ? nil : try reader.readString()
            default: try reader.skipValue()
            }
        }
        self.init(input: try reader.required(input, "input"), waID: waID)
    }
}

extension CloudAPISendResponse.Message: JSONReadable {
    public init(reading reader: inout JSONReader) throws(JSONReadError) {
        var id: String?
        var messageStatus: String?
        try reader.readObject { reader, name throws(JSONReadError) in
            switch name {
            case "id": id = try reader.readString()
            case "message_status": messageStatus = reader.readNull() ? nil : try reader.readString()
            default: try reader.skipValue()
            }
        }
        self.init(id: try reader.required(id, "id"), messageStatus: messageStatus)
    }
}

import Foundation
import WasendCloudAPI

/// Turns a batch of updates into the body Meta would post, and signs it.
///
/// Updates are grouped as Meta groups them: one entry per WhatsApp Business Account, one `messages`
/// change per phone number, the statuses and inbound messages of that number inside it.
struct WebhookPayloadEncoder: Sendable {
    struct SignedBody: Sendable {
        var bytes: [UInt8]
        var signature: String
    }

    private let numbers: [SimulatedPhoneNumber]
    private let signature: WebhookSignature

    init(numbers: [SimulatedPhoneNumber], appSecret: String) {
        self.numbers = numbers
        self.signature = WebhookSignature(appSecret: appSecret)
    }

    func encode(_ events: [WebhookEvent], at unixSeconds: Int64) throws -> SignedBody {
        let bytes = Array(try JSONEncoder().encode(payload(events, at: unixSeconds)))
        return SignedBody(bytes: bytes, signature: signature.sign(bytes))
    }

    func payload(_ events: [WebhookEvent], at unixSeconds: Int64) -> WebhookPayload {
        struct NumberUpdates {
            var statuses: [WebhookStatus] = []
            var contacts: [WebhookContact] = []
            var messages: [WebhookInboundMessage] = []
        }
        let timestamp = String(unixSeconds)
        var updatesByNumber: [Int: NumberUpdates] = [:]
        var numberOrder: [Int] = []
        for event in events {
            let index = event.phoneNumberIndex
            if updatesByNumber[index] == nil {
                numberOrder.append(index)
            }
            switch event.update {
            case .inboundText(let text):
                updatesByNumber[index, default: .init()].contacts.append(WebhookContact(profile: .init(name: "Simulated User"), waID: event.user))
                updatesByNumber[index, default: .init()].messages.append(
                    WebhookInboundMessage(from: event.user, id: event.messageID, timestamp: timestamp, type: "text", text: .init(body: text)))
            default:
                updatesByNumber[index, default: .init()].statuses.append(status(event, timestamp: timestamp))
            }
        }
        var changesByAccount: [String: [WebhookPayload.Change]] = [:]
        var accountOrder: [String] = []
        for index in numberOrder {
            let number = numbers[index]
            let updates = updatesByNumber[index]!
            let value = WebhookMessagesValue(
                metadata: WebhookMetadata(displayPhoneNumber: number.displayPhoneNumber, phoneNumberID: number.id),
                contacts: updates.contacts.isEmpty ? nil : updates.contacts,
                messages: updates.messages.isEmpty ? nil : updates.messages,
                statuses: updates.statuses.isEmpty ? nil : updates.statuses)
            if changesByAccount[number.wabaID] == nil {
                accountOrder.append(number.wabaID)
            }
            changesByAccount[number.wabaID, default: []].append(WebhookPayload.Change(value: .messages(value)))
        }
        return WebhookPayload(entry: accountOrder.map { WebhookPayload.Entry(id: $0, changes: changesByAccount[$0]!) })
    }

    private func status(_ event: WebhookEvent, timestamp: String) -> WebhookStatus {
        var status = WebhookStatus(
            id: event.messageID, status: "", timestamp: timestamp, recipientID: event.user,
            bizOpaqueCallbackData: event.callbackData)
        let pricing = event.pricingCategory.map {
            WebhookStatus.Pricing(billable: $0 != "service", pricingModel: "PMP", type: $0 == "service" ? "free_customer_service" : "regular", category: $0)
        }
        switch event.update {
        case .sent:
            status.status = "sent"
            status.pricing = pricing
        case .delivered:
            status.status = "delivered"
            status.pricing = pricing
        case .read:
            status.status = "read"
        case .failed(let code):
            status.status = "failed"
            status.errors = [
                WebhookError(
                    code: code, title: "Message undeliverable", message: "Message undeliverable",
                    errorData: .init(details: "Message Undeliverable."),
                    href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/")
            ]
        case .inboundText:
            break
        }
        return status
    }
}

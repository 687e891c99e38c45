import Foundation
import Hummingbird
import WasendCloudAPI
import WasendCore

/// The Graph endpoints Wasend calls: send, read a phone number, list templates. `{version}` is
/// accepted whatever it is, as Graph auto-upgrades old versions.
struct CloudAPIController: Sendable {
    let simulator: Simulator
    private let sendResponse = SendResponseTemplate()

    init(simulator: Simulator) {
        self.simulator = simulator
    }

    func addRoutes(to router: Router<SimulatorRequestContext>) {
        // One parameter name per position: Hummingbird's trie shares the node.
        router.post("{version}/{objectID}/messages", use: send)
        router.get("{version}/{objectID}", use: readPhoneNumber)
        router.get("{version}/{objectID}/message_templates", use: listTemplates)
    }

    // MARK: Send

    @Sendable func send(_ request: Request, context: SimulatorRequestContext) async throws -> Response {
        let (outcome, latency) = await admit(request, context: context)
        if latency > .zero {
            try await Task.sleep(for: latency)
        }
        switch outcome {
        case .accepted(let recipient, let messageID):
            return Response(
                status: .ok,
                headers: [.contentType: Response.jsonContentType],
                body: .init(byteBuffer: ByteBuffer(bytes: sendResponse.body(input: recipient.input, waID: recipient.waID, messageID: messageID))))
        case .rejected(let error):
            return try errorResponse(error)
        case .serverError:
            return Response(
                status: .serviceUnavailable, headers: [.contentType: "text/plain"],
                body: .init(byteBuffer: ByteBuffer(string: "Service Unavailable")))
        case .connectionReset:
            context.dropConnection()
            return Response(status: .internalServerError)
        }
    }

    private enum SendOutcome {
        case accepted(Recipient, messageID: String)
        case rejected(SimulatedError)
        case serverError
        case connectionReset
    }

    private struct Recipient {
        /// The `to` as sent.
        var input: String
        /// The digits alone.
        var waID: String
    }

    /// The outcome of a send and the latency to add before answering it.
    private func admit(_ request: Request, context: SimulatorRequestContext) async -> (SendOutcome, Duration) {
        if let error = authorizationError(request) {
            return reject(error)
        }
        let numberID = context.parameters.get("objectID") ?? ""
        guard let numberIndex = simulator.numberIndices[numberID] else {
            return reject(.unknownObject(id: numberID, method: "post"))
        }
        let message: CloudAPIMessageRequest
        do {
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            message = try JSONDecoder().decode(CloudAPIMessageRequest.self, from: Data(body.readableBytesView))
        } catch {
            return reject(.invalidParameter(details: "The request body is not a valid message: \(Self.describe(error))"))
        }
        guard message.messagingProduct == "whatsapp" else {
            return reject(.invalidParameter(details: "messaging_product must be \"whatsapp\""))
        }
        let recipient: PhoneNumber
        do {
            recipient = try PhoneNumber(parsing: message.to)
        } catch {
            return reject(.invalidParameter(details: "to is not a phone number: \(error)"))
        }
        var pricingCategory: String?
        switch message.type {
        case "template":
            guard let template = message.template else {
                return reject(.invalidParameter(details: "template is required for type template"))
            }
            switch simulator.templates[.init(name: template.name, language: template.language.code)] {
            case .some(let known) where known.status == "APPROVED":
                pricingCategory = known.category.lowercased()
            case .some(let known) where known.status == "PAUSED":
                return reject(.templatePaused(name: known.name))
            default:
                return reject(.templateNotFound(name: template.name, language: template.language.code))
            }
        case "text":
            guard message.text != nil else {
                return reject(.invalidParameter(details: "text is required for type text"))
            }
            pricingCategory = "service"
        default:
            break
        }
        let attempt = SimulatorState.SendAttempt(
            numberIndex: numberIndex, recipient: recipient, callbackData: message.bizOpaqueCallbackData, pricingCategory: pricingCategory)
        let (admission, latency) = simulator.withState { state, now in (state.admit(attempt, now: now), state.drawLatency()) }
        switch admission {
        case .accepted(let messageID): return (.accepted(Recipient(input: message.to, waID: recipient.digits), messageID: messageID), latency)
        case .rejected(let error): return (.rejected(error), latency)
        case .serverError: return (.serverError, latency)
        case .connectionReset, .answerLost: return (.connectionReset, latency)
        }
    }

    private func reject(_ error: SimulatedError) -> (SendOutcome, Duration) {
        let latency = simulator.withState { state, _ in
            state.recordRejection(error)
            return state.drawLatency()
        }
        return (.rejected(error), latency)
    }

    // MARK: Reads

    /// `GET /{version}/{phone-number-id}?fields=…`: the fields asked for (a default set without `fields`).
    @Sendable func readPhoneNumber(_ request: Request, context: SimulatorRequestContext) async throws -> Response {
        if let error = authorizationError(request) {
            return try errorResponse(error)
        }
        let objectID = context.parameters.get("objectID") ?? ""
        guard let index = simulator.numberIndices[objectID] else {
            return try errorResponse(.unknownObject(id: objectID, method: "get"))
        }
        let requested = request.uri.queryParameters["fields"].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let behaviour = simulator.withState { state, _ in state.behaviour }
        let fields = PhoneNumberFields(
            number: simulator.configuration.phoneNumbers[index], behaviour: behaviour,
            requested: requested ?? ["id", "display_phone_number", "verified_name", "quality_rating"])
        if let unknown = fields.unknownField {
            return try errorResponse(
                .invalidParameter(details: "Tried accessing nonexisting field (\(unknown)) on node type (WhatsAppBusinessPhoneNumber)"))
        }
        return try .json(fields)
    }

    /// `GET /{version}/{waba-id}/message_templates`, optionally filtered by `name` and `status`.
    @Sendable func listTemplates(_ request: Request, context: SimulatorRequestContext) async throws -> Response {
        if let error = authorizationError(request) {
            return try errorResponse(error)
        }
        let wabaID = context.parameters.get("objectID") ?? ""
        guard simulator.wabaIDs.contains(wabaID) else {
            return try errorResponse(.unknownObject(id: wabaID, method: "get"))
        }
        let name = request.uri.queryParameters["name"].map(String.init)
        let status = request.uri.queryParameters["status"].map(String.init)
        let templates = simulator.configuration.templates.filter { template in
            (name == nil || template.name == name) && (status == nil || template.status == status)
        }
        return try .json(TemplateList(templates: templates))
    }

    // MARK: Helpers

    private func authorizationError(_ request: Request) -> SimulatedError? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            simulator.configuration.accessTokens.contains(String(header.dropFirst("Bearer ".count)))
        else { return .invalidAccessToken }
        return nil
    }

    private func errorResponse(_ error: SimulatedError) throws -> Response {
        var response = try Response.json(error.response(traceID: Self.traceID()), status: .init(code: error.httpStatus))
        if case .invalidAccessToken = error {
            response.headers[.wwwAuthenticate] = "OAuth \"Facebook Platform\" \"invalid_token\" \"Invalid OAuth access token - Cannot parse access token\""
        }
        return response
    }

    private static let traceIDAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// An `fbtrace_id`-like token: 23 characters of base62.
    private static func traceID() -> String {
        String(decoding: (0..<23).map { _ in traceIDAlphabet.randomElement()! }, as: UTF8.self)
    }

    /// The decoding error without the request's content: the key path and what was wrong.
    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            "invalid \(context.codingPath.map(\.stringValue).joined(separator: ".").nilIfEmpty ?? "JSON")"
        default: "unreadable body"
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}

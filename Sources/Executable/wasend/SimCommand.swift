import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WasendCore
import WasendSimulator

/// `wasend sim`: runs the WhatsApp Cloud API simulator until SIGINT or SIGTERM.
///
/// Every option can also come from a `WASEND_SIM_…` environment variable named after it
/// (`--webhook-url` → `WASEND_SIM_WEBHOOK_URL`); repeatable options take a comma-separated plural
/// (`WASEND_SIM_TOKENS`, `WASEND_SIM_PHONE_NUMBERS`, `WASEND_SIM_UNDELIVERABLE_RECIPIENTS`,
/// `WASEND_SIM_STOP_RECIPIENTS`). A flag on the command line wins.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run a WhatsApp Cloud API simulator (sends, reads, signed webhooks, /_sim/stats).")

    @Option(help: "Address to listen on.")
    var host: String?

    @Option(help: "Port to listen on; 0 picks a free one. Default 8089.")
    var port: Int?

    @Option(name: .customLong("token"), help: "Accepted Bearer token (repeatable; env: comma-separated). Default wasend-sim-token.")
    var tokens: [String] = []

    @Option(name: .customLong("phone-number"), help: "Phone number id, optionally with its messages/s as ID:RATE (repeatable).")
    var phoneNumbers: [String] = []

    @Option(help: "WhatsApp Business Account id of the numbers.")
    var wabaID: String?

    @Option(help: "Business portfolio id of the numbers (the messaging tier is per portfolio).")
    var portfolioID: String?

    @Option(help: "Default throughput per number, messages/s. Default 80.")
    var messagesPerSecond: Double?

    @Option(help: "Sends a number may make at once. Default: one second's worth.")
    var throughputBurst: Int?

    @Option(help: "Pair limit interval in ms (one message per interval per number and recipient). Default 6000.")
    var pairIntervalMs: Double?

    @Option(help: "Pair limit burst. Default 45.")
    var pairBurst: Int?

    @Option(help: "Messaging tier: unique recipients per portfolio in a moving 24 h (250, 2000, 10000, 100000 or 'unlimited'). Default 100000.")
    var messagingTier: String?

    @Option(name: .customLong("undeliverable"), help: "Recipient whose messages fail with 131026 by webhook (repeatable).")
    var undeliverableRecipients: [String] = []

    @Option(name: .customLong("stop-recipient"), help: "Recipient who answers \"STOP\" to its first message (repeatable).")
    var stopRecipients: [String] = []

    @Option(help: "Fraction of sends answered HTTP 500 with code 131000.")
    var transientErrorFraction: Double?

    @Option(help: "Fraction of sends answered with a bare HTTP 503.")
    var serverErrorFraction: Double?

    @Option(help: "Fraction of sends whose connection is dropped without an answer.")
    var connectionResetFraction: Double?

    @Option(help: "Fraction of sends taken (their webhooks follow) whose answer is lost: the connection drops instead.")
    var lostAnswerFraction: Double?

    @Option(help: "Latency added to every send, ms.")
    var latencyMs: Double?

    @Option(help: "Random extra latency up to this many ms.")
    var latencyJitterMs: Double?

    @Option(help: "Where to post status webhooks (none when absent).")
    var webhookURL: String?

    @Option(help: "App secret that signs webhooks (X-Hub-Signature-256). Prefer WASEND_SIM_APP_SECRET.")
    var appSecret: String?

    @Option(help: "Most updates per webhook POST. Default 100.")
    var webhookBatchSize: Int?

    @Option(help: "Most updates waiting in the webhook queue. Default 1000000.")
    var webhookQueueCapacity: Int?

    @Option(help: "Most webhook POSTs in flight. Default 8.")
    var webhookConcurrency: Int?

    @Option(help: "Delay before 'sent', ms. Default 100.")
    var sentDelayMs: Double?

    @Option(help: "Delay from 'sent' to 'delivered', ms. Default 400.")
    var deliveredDelayMs: Double?

    @Option(help: "Delay from 'delivered' to 'read', ms. Default 1500.")
    var readDelayMs: Double?

    @Option(help: "Fraction of delivered messages that are read. Default 0.6.")
    var readFraction: Double?

    @Option(help: "Fraction of status updates posted twice. Default 0.02.")
    var duplicateFraction: Double?

    @Option(help: "Seed for the random faults, jitter and shuffles, to replay a run.")
    var seed: UInt64?

    @Option(help: "Log level (trace, debug, info, notice, warning, error, critical).")
    var logLevel: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try makeConfiguration(environment: environment)
        var logger = Logger(label: "wasend.sim")
        logger.logLevel = (logLevel ?? environment["WASEND_SIM_LOG_LEVEL"]).flatMap(Logger.Level.init(rawValue:)) ?? .info
        let host = configuration.host
        let service = SimulatorService(configuration: configuration, logger: logger) { port in
            // Written at once, unbuffered, so that a script waiting for the address sees it.
            print("wasend sim listening on http://\(host):\(port)")
        }
        let group = ServiceGroup(
            configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    func makeConfiguration(environment: [String: String]) throws -> SimulatorConfiguration {
        func value(_ flag: String?, _ name: String) -> String? {
            flag ?? environment["WASEND_SIM_" + name]
        }
        func parsed<Value: LosslessStringConvertible>(_ flag: Value?, _ name: String) throws -> Value? {
            if let flag { return flag }
            guard let text = environment["WASEND_SIM_" + name] else { return nil }
            guard let value = Value(text) else {
                throw ValidationError("WASEND_SIM_\(name) is not a valid \(Value.self): \(text)")
            }
            return value
        }
        func list(_ flags: [String], _ name: String) -> [String] {
            flags.isEmpty ? (environment["WASEND_SIM_" + name]?.split(separator: ",").map(String.init) ?? []) : flags
        }

        var configuration = SimulatorConfiguration()
        configuration.host = value(host, "HOST") ?? configuration.host
        configuration.port = try parsed(port, "PORT") ?? configuration.port
        let tokens = list(tokens, "TOKENS")
        if !tokens.isEmpty { configuration.accessTokens = Set(tokens) }
        configuration.randomSeed = try parsed(seed, "SEED")

        let template = SimulatedPhoneNumber()
        let wabaID = value(wabaID, "WABA_ID") ?? template.wabaID
        let portfolioID = value(portfolioID, "PORTFOLIO_ID") ?? template.portfolioID
        let numbers = list(phoneNumbers, "PHONE_NUMBERS")
        configuration.phoneNumbers = try (numbers.isEmpty ? [template.id] : numbers).enumerated().map { index, specification in
            let parts = specification.split(separator: ":", maxSplits: 1).map(String.init)
            guard let id = parts.first, !id.isEmpty, id.allSatisfy(\.isNumber) else {
                throw ValidationError("--phone-number must be ID or ID:RATE with a numeric id: \(specification)")
            }
            var rate: Double?
            if parts.count == 2 {
                guard let value = Double(parts[1]), value > 0 else { throw ValidationError("invalid rate in --phone-number \(specification)") }
                rate = value
            }
            return SimulatedPhoneNumber(
                id: id, displayPhoneNumber: "1555000\(String(format: "%04d", index + 1))", wabaID: wabaID, portfolioID: portfolioID,
                messagesPerSecond: rate)
        }

        var behaviour = configuration.behaviour
        behaviour.defaultMessagesPerSecond = try parsed(messagesPerSecond, "MESSAGES_PER_SECOND") ?? behaviour.defaultMessagesPerSecond
        behaviour.throughputBurst = try parsed(throughputBurst, "THROUGHPUT_BURST")
        if let milliseconds = try parsed(pairIntervalMs, "PAIR_INTERVAL_MS") { behaviour.pairInterval = .milliseconds(milliseconds) }
        behaviour.pairBurst = try parsed(pairBurst, "PAIR_BURST") ?? behaviour.pairBurst
        if let tier = value(messagingTier, "MESSAGING_TIER") {
            guard let parsed = MessagingTier.all.first(where: { $0.description == tier }) else {
                throw ValidationError("--messaging-tier must be 250, 2000, 10000, 100000 or 'unlimited': \(tier)")
            }
            behaviour.messagingTier = parsed
        }
        behaviour.undeliverableRecipients = Set(list(undeliverableRecipients, "UNDELIVERABLE_RECIPIENTS"))
        behaviour.stopRecipients = Set(list(stopRecipients, "STOP_RECIPIENTS"))
        behaviour.transientErrorFraction = try parsed(transientErrorFraction, "TRANSIENT_ERROR_FRACTION") ?? 0
        behaviour.serverErrorFraction = try parsed(serverErrorFraction, "SERVER_ERROR_FRACTION") ?? 0
        behaviour.connectionResetFraction = try parsed(connectionResetFraction, "CONNECTION_RESET_FRACTION") ?? 0
        behaviour.lostAnswerFraction = try parsed(lostAnswerFraction, "LOST_ANSWER_FRACTION") ?? 0
        if let milliseconds = try parsed(latencyMs, "LATENCY_MS") { behaviour.latency = .milliseconds(milliseconds) }
        if let milliseconds = try parsed(latencyJitterMs, "LATENCY_JITTER_MS") { behaviour.latencyJitter = .milliseconds(milliseconds) }
        if let milliseconds = try parsed(sentDelayMs, "SENT_DELAY_MS") { behaviour.sentDelay = .milliseconds(milliseconds) }
        if let milliseconds = try parsed(deliveredDelayMs, "DELIVERED_DELAY_MS") { behaviour.deliveredDelay = .milliseconds(milliseconds) }
        if let milliseconds = try parsed(readDelayMs, "READ_DELAY_MS") { behaviour.readDelay = .milliseconds(milliseconds) }
        behaviour.readFraction = try parsed(readFraction, "READ_FRACTION") ?? behaviour.readFraction
        behaviour.duplicateFraction = try parsed(duplicateFraction, "DUPLICATE_FRACTION") ?? behaviour.duplicateFraction
        for (name, fraction) in [
            ("transient-error-fraction", behaviour.transientErrorFraction), ("server-error-fraction", behaviour.serverErrorFraction),
            ("connection-reset-fraction", behaviour.connectionResetFraction),
            ("lost-answer-fraction", behaviour.lostAnswerFraction), ("read-fraction", behaviour.readFraction),
            ("duplicate-fraction", behaviour.duplicateFraction),
        ] where !(0...1).contains(fraction) {
            throw ValidationError("--\(name) must be between 0 and 1")
        }
        guard behaviour.defaultMessagesPerSecond > 0, behaviour.throughputBurst ?? 1 > 0, behaviour.pairBurst > 0 else {
            throw ValidationError("rates and bursts must be positive")
        }
        configuration.behaviour = behaviour

        configuration.webhook.url = value(webhookURL, "WEBHOOK_URL")
        configuration.webhook.appSecret = value(appSecret, "APP_SECRET") ?? configuration.webhook.appSecret
        configuration.webhook.batchSize = try parsed(webhookBatchSize, "WEBHOOK_BATCH_SIZE") ?? configuration.webhook.batchSize
        configuration.webhook.queueCapacity = try parsed(webhookQueueCapacity, "WEBHOOK_QUEUE_CAPACITY") ?? configuration.webhook.queueCapacity
        configuration.webhook.concurrency = try parsed(webhookConcurrency, "WEBHOOK_CONCURRENCY") ?? configuration.webhook.concurrency
        return configuration
    }
}

import Foundation
import Hummingbird

/// `/_sim/…`: what tests, demos and load tests use to look inside the simulator and steer it.
///
/// - `GET /_sim/stats[?jobs=true]`: the ``SimulatorReport``.
/// - `POST /_sim/reset`: forget limits, statistics and queued webhooks.
/// - `GET /_sim/config`: the current ``SimulatorBehaviour``.
/// - `POST /_sim/config`: merge the posted keys into the behaviour (e.g. `{"transient_error_fraction": 0.1}`).
struct AdminController: Sendable {
    let simulator: Simulator

    func addRoutes(to router: Router<SimulatorRequestContext>) {
        let group = router.group("_sim")
        group.get("stats", use: statistics)
        group.post("reset", use: reset)
        group.get("config", use: behaviour)
        group.post("config", use: updateBehaviour)
    }

    @Sendable func statistics(_ request: Request, context: SimulatorRequestContext) async throws -> Response {
        let includingJobs = request.uri.queryParameters["jobs"] == "true"
        let report = simulator.withState { state, now in state.report(now: now, includingJobs: includingJobs) }
        return try .json(report)
    }

    @Sendable func reset(_ request: Request, context: SimulatorRequestContext) async throws -> Response {
        simulator.withState { state, _ in state.reset() }
        context.logger.info("Simulator reset")
        return Response(status: .noContent)
    }

    @Sendable func behaviour(_ request: Request, context: SimulatorRequestContext) async throws -> Response {
        try .json(simulator.withState { state, _ in state.behaviour })
    }

    @Sendable func updateBehaviour(_ request: Request, context: SimulatorRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let current = simulator.withState { state, _ in state.behaviour }
        let updated: SimulatorBehaviour
        do {
            updated = try Self.merge(Data(body.readableBytesView), into: current)
        } catch {
            return try .json(AdminError(error: "\(error)"), status: .badRequest)
        }
        simulator.withState { state, _ in state.replaceBehaviour(updated) }
        context.logger.info("Simulator behaviour changed", metadata: ["keys": "\(Self.keys(of: body))"])
        return try .json(updated)
    }

    private struct AdminError: Encodable {
        var error: String
    }

    private struct UnknownKeys: Error, CustomStringConvertible {
        var keys: [String]
        var description: String { "unknown keys: \(keys.sorted().joined(separator: ", "))" }
    }

    /// Sets the posted top-level keys over the current behaviour's JSON and decodes the result, so
    /// that every rule of ``SimulatorBehaviour``'s decoding applies to an update too.
    static func merge(_ update: Data, into current: SimulatorBehaviour) throws -> SimulatorBehaviour {
        guard let changes = try JSONSerialization.jsonObject(with: update) as? [String: Any] else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "the body must be a JSON object"))
        }
        guard var merged = try JSONSerialization.jsonObject(with: JSONEncoder().encode(current)) as? [String: Any] else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "the current behaviour is not an object"))
        }
        let unknown = changes.keys.filter { merged[$0] == nil }
        guard unknown.isEmpty else { throw UnknownKeys(keys: unknown) }
        merged.merge(changes) { _, new in new }
        return try JSONDecoder().decode(SimulatorBehaviour.self, from: JSONSerialization.data(withJSONObject: merged))
    }

    /// The posted keys, for the log (their values may be recipients' numbers).
    private static func keys(of body: ByteBuffer) -> [String] {
        let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        return object?.keys.sorted() ?? []
    }
}

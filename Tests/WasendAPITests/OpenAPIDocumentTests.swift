import Foundation
import Hummingbird
import Testing
import WasendCampaigns
import WasendCore
import WasendRedis

@testable import WasendAPI

/// Keeps `schemas/openapi.json` true: every registered route is documented, every documented
/// operation is registered, and every `$ref` resolves.
@Suite struct OpenAPIDocumentTests {
    private static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schemas/openapi.json")

    private func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.documentURL)) as? [String: Any])
    }

    /// Routing only: building the router touches no dependency, so none is started.
    private func registeredRoutes() throws -> Set<String> {
        let api = CampaignAPI(
            tenants: try APITestEnvironment.tenants(), publisher: UnusedPublisher(),
            campaignStore: RedisCampaignStore(redis: try RedisClient(configuration: RedisConfiguration())),
            idempotencyStore: RedisIdempotencyStore(redis: try RedisClient(configuration: RedisConfiguration())))
        return Set(api.buildRouter().routes.map { "\($0.method.rawValue) \($0.path.description)" })
    }

    @Test func everyRouteIsDocumentedAndEveryOperationIsRouted() throws {
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        let methods = ["get", "post", "put", "patch", "delete"]
        let documented = Set(paths.flatMap { path, operations in
            operations.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        })
        let routed = try registeredRoutes()
        #expect(routed.subtracting(documented).isEmpty, "routes missing from the OpenAPI document: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented operations without a route: \(documented.subtracting(routed).sorted())")
        #expect(routed.count >= 11)
    }

    @Test func isOpenAPI31AndEveryReferenceResolves() throws {
        let document = try document()
        #expect(document["openapi"] as? String == "3.1.0")
        var references: [String] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                if let reference = object["$ref"] as? String { references.append(reference) }
                object.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(document)
        #expect(!references.isEmpty)
        for reference in references {
            var node: Any? = document
            for component in reference.dropFirst(2).split(separator: "/") {
                node = (node as? [String: Any])?[String(component)]
            }
            #expect(node != nil, "unresolved \(reference)")
        }
    }
}

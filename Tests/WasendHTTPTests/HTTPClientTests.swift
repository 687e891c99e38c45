import Foundation
import Testing
import WasendTestSupport

@testable import WasendHTTP

/// The client against a real nginx on loopback: one nginx per test, one client per test.
@Suite(.serialized)
struct HTTPClientTests {
    @Test func manyConcurrentRequestsAllCompleteWithTheirOwnBodies() async throws {
        try await withNginx(HTTPClient.Configuration(maxInFlight: 256)) { nginx, client in
            let count = 10_000
            // All submitted at once: the client admits 256 and holds the others back.
            let completed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<count {
                    group.addTask {
                        let response = try await client.execute(HTTPRequest(url: nginx.http1URL("/query?n=\(index)")))
                        return response.status == 200 && response.body == Array("n=\(index)".utf8)
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(completed == count)
            #expect(client.pendingRequestCount == 0)
        }
    }

    @Test func responseCarriesStatusHeadersVersionAndBody() async throws {
        try await withNginx { nginx, client in
            let response = try await client.execute(HTTPRequest(url: nginx.http1URL("/json")))
            #expect(response.status == 200)
            #expect(response.version == .http1_1)
            #expect(response.headers["content-type"] == "application/json")
            #expect(response.headers["Content-Length"] == "\(response.body.count)")
            #expect(String(decoding: response.body, as: UTF8.self) == NginxProcess.Configuration().cannedJSON)

            let missing = try await client.execute(HTTPRequest(url: nginx.http1URL("/nothing-here")))
            #expect(missing.status == 404)
        }
    }

    @Test func http1KeepsTheConnectionAliveAcrossRequests() async throws {
        try await withNginx(HTTPClient.Configuration(maxConnectionsPerHost: 1, protocolVersion: .http1)) { nginx, client in
            var connections = Set<[UInt8]>()
            for _ in 0..<50 {
                connections.insert(try await client.execute(HTTPRequest(url: nginx.http1URL("/connection"))).body)
            }
            #expect(connections.count == 1)
        }
    }

    @Test func http2NegotiatedOverTLSMultiplexesOneConnection() async throws {
        let configuration = HTTPClient.Configuration(
            maxConnectionsPerHost: 1, protocolVersion: .http2OverTLS, requestTimeout: .seconds(8))
        try await withNginx(configuration) { nginx, client in
            // Twenty one-second requests on one connection can only all finish within their
            // eight-second timeout if they share it at once.
            let sleeping = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await client.execute(HTTPRequest(url: nginx.httpsURL("/sleep?seconds=1"))) }
                }
                return try await Array(group)
            }
            #expect(sleeping.count == 20)
            #expect(sleeping.allSatisfy { $0.status == 200 && $0.version == .http2 && $0.body == Array("slept\n".utf8) })

            let connections = try await withThrowingTaskGroup(of: [UInt8].self) { group in
                for _ in 0..<50 {
                    group.addTask { try await client.execute(HTTPRequest(url: nginx.httpsURL("/connection"))).body }
                }
                return try await Set(group)
            }
            #expect(connections.count == 1)
        }
    }

    @Test func http2OverTLSFallsBackToHTTP1ForPlainHTTP() async throws {
        try await withNginx(HTTPClient.Configuration(protocolVersion: .http2OverTLS)) { nginx, client in
            let response = try await client.execute(HTTPRequest(url: nginx.http1URL("/json")))
            #expect(response.version == .http1_1)
        }
    }

    @Test func http2WithPriorKnowledgeWorksOrIsRefusedUpFront() async throws {
        let configuration = HTTPClient.Configuration(protocolVersion: .http2PriorKnowledge)
        guard curlMajorVersion >= 8 else {
            // libcurl 7.88 breaks reused h2c connections: a clear error at once beats failures later.
            let error = #expect(throws: HTTPClientError.self) { try HTTPClient(configuration: configuration) }
            #expect(error?.kind == .invalidConfiguration)
            return
        }
        try await withNginx(configuration) { nginx, client in
            for _ in 0..<3 {
                let response = try await client.execute(HTTPRequest(url: nginx.http2URL("/json")))
                #expect(response.version == .http2)
            }
        }
    }

    @Test func requestTimeoutGivesATimeoutError() async throws {
        try await withNginx { nginx, client in
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(HTTPRequest(url: nginx.http1URL("/sleep?seconds=5"), timeout: .milliseconds(300)))
            }
            #expect(error?.kind == .timedOut)
            #expect(error?.curlCode == 28)
            #expect(error?.message.contains("Timeout was reached") == true)
        }
    }

    @Test func refusedConnectionGivesAClearError() async throws {
        let client = try HTTPClient()
        let port = try LoopbackPort.free()
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.execute(HTTPRequest(url: "http://127.0.0.1:\(port)/"))
        }
        #expect(error?.kind == .connectionRefused)
        #expect(error?.curlCode == 7)
        #expect(error?.message.contains("Couldn't connect to server") == true)
        await client.shutdown()
    }

    @Test func connectionClosedWithoutAnswerIsAReset() async throws {
        try await withNginx { nginx, client in
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(HTTPRequest(url: nginx.http1URL("/close")))
            }
            #expect(error?.kind == .connectionReset)
            // The client goes on working after a broken connection.
            let next = try await client.execute(HTTPRequest(url: nginx.http1URL("/json")))
            #expect(next.status == 200)
        }
    }

    @Test func aPostOnAReusedConnectionThatClosesIsNotSentAgain() async throws {
        try await withNginx(HTTPClient.Configuration(maxConnections: 1, protocolVersion: .http1)) { nginx, client in
            let first = try await client.execute(HTTPRequest(url: nginx.http1URL("/json")))
            #expect(first.status == 200)
            // On the kept-alive connection: curl would send it again on a fresh one.
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(HTTPRequest(method: .post, url: nginx.http1URL("/close"), body: Array("{}".utf8)))
            }
            #expect(error?.kind == .connectionReset)
            #expect(error?.message.contains("not sent again") == true)
            // A GET on a reused connection may go twice: curl's fresh attempt meets the same
            // close and fails on its own.
            let again = try await client.execute(HTTPRequest(url: nginx.http1URL("/json")))
            #expect(again.status == 200)
            let retried = await #expect(throws: HTTPClientError.self) {
                try await client.execute(HTTPRequest(url: nginx.http1URL("/close")))
            }
            #expect(retried?.message.contains("not sent again") == false)
        }
    }

    @Test(arguments: [HTTPClient.Configuration.ProtocolVersion.http1, .http2OverTLS])
    func requestBodiesArriveIntact(protocolVersion: HTTPClient.Configuration.ProtocolVersion) async throws {
        try await withNginx(HTTPClient.Configuration(protocolVersion: protocolVersion)) { nginx, client in
            let url = protocolVersion == .http1 ? nginx.http1URL("/echo") : nginx.httpsURL("/echo")
            var generator = SystemRandomNumberGenerator()
            let large = (0..<300_000).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let json = Array(#"{"to":"+16505551234","text":{"body":"héllo"}}"#.utf8)
            for (method, body) in [(HTTPMethod.post, large), (.put, json), (.post, []), (.patch, json)] {
                let response = try await client.execute(
                    HTTPRequest(method: method, url: url, headers: ["Content-Type": "application/octet-stream"], body: body))
                #expect(response.status == 200)
                #expect(response.version == (protocolVersion == .http1 ? .http1_1 : .http2))
                #expect(response.body == body, "\(method) of \(body.count) bytes")
            }
        }
    }

    @Test func shutdownWithoutGraceFailsPendingRequests() async throws {
        try await withNginx(HTTPClient.Configuration(maxInFlight: 4)) { nginx, client in
            try await withThrowingTaskGroup(of: HTTPClientError.Kind?.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        do {
                            _ = try await client.execute(HTTPRequest(url: nginx.http1URL("/sleep?seconds=20")))
                            return nil
                        } catch let error as HTTPClientError {
                            return error.kind
                        }
                    }
                }
                try await waitUntil { client.pendingRequestCount == 12 }
                await client.shutdown(gracefully: false)
                let kinds = try await Array(group)
                #expect(kinds.count == 12)
                #expect(kinds.allSatisfy { $0 == .shutdown })
            }
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(HTTPRequest(url: nginx.http1URL("/json")))
            }
            #expect(error?.kind == .shutdown)
        }
    }

    @Test func gracefulShutdownFinishesPendingRequests() async throws {
        try await withNginx(HTTPClient.Configuration(maxInFlight: 2)) { nginx, client in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        // Long enough that all six are pending before the first two finish, even
                        // on a loaded machine: shorter sleeps let the count pass 6 unseen.
                        try await client.execute(HTTPRequest(url: nginx.http1URL("/sleep?seconds=1"))).status
                    }
                }
                try await waitUntil { client.pendingRequestCount == 6 }
                await client.shutdown(gracefully: true)
                #expect(try await Array(group) == Array(repeating: 200, count: 6))
            }
        }
    }

    @Test func cancellingATaskRemovesItsRequest() async throws {
        try await withNginx(HTTPClient.Configuration(maxInFlight: 1)) { nginx, client in
            let running = Task { try await client.execute(HTTPRequest(url: nginx.http1URL("/sleep?seconds=20"))) }
            try await waitUntil { client.pendingRequestCount == 1 }
            // Beyond `maxInFlight`: cancelled while waiting for admission.
            let waiting = Task { try await client.execute(HTTPRequest(url: nginx.http1URL("/json"))) }
            try await waitUntil { client.pendingRequestCount == 2 }

            waiting.cancel()
            running.cancel()
            for task in [waiting, running] {
                let error = await #expect(throws: HTTPClientError.self) { try await task.value }
                #expect(error?.kind == .cancelled)
            }
            try await waitUntil { client.pendingRequestCount == 0 }
            // The slot and the handle are free again.
            #expect(try await client.execute(HTTPRequest(url: nginx.http1URL("/json"))).status == 200)
        }
    }

    @Test func malformedRequestsAreRejectedBeforeSending() async throws {
        let client = try HTTPClient()
        for request in [
            HTTPRequest(url: "ftp://127.0.0.1/file"),
            HTTPRequest(url: "http://127.0.0.1/\r\nHost: elsewhere"),
            HTTPRequest(url: "http://127.0.0.1/", headers: ["X-Injected": "a\r\nX-Other: b"]),
            HTTPRequest(method: HTTPMethod(rawValue: "GET /other"), url: "http://127.0.0.1/"),
        ] {
            let error = await #expect(throws: HTTPClientError.self) { try await client.execute(request) }
            #expect(error?.kind == .invalidRequest)
        }
        await client.shutdown()
    }

    @Test func responsesOverTheSizeLimitFail() async throws {
        try await withNginx(HTTPClient.Configuration(maxResponseBodySize: 16)) { nginx, client in
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(HTTPRequest(url: nginx.http1URL("/json")))
            }
            #expect(error?.kind == .responseTooLarge)
        }
    }
}

/// Runs `body` with a fresh nginx and a client that trusts its certificate, and always shuts both down.
private func withNginx(
    _ configuration: HTTPClient.Configuration = HTTPClient.Configuration(),
    _ body: (NginxProcess, HTTPClient) async throws -> Void
) async throws {
    let nginx = try await NginxProcess.start()
    var configuration = configuration
    configuration.caCertificatePath = nginx.certificatePath
    let client: HTTPClient
    do {
        client = try HTTPClient(configuration: configuration)
    } catch {
        await nginx.stop()
        throw error
    }
    do {
        try await body(nginx, client)
    } catch {
        await client.shutdown(gracefully: false)
        await nginx.stop()
        throw error
    }
    await client.shutdown(gracefully: false)
    await nginx.stop()
}

private let curlMajorVersion = CurlGlobal.versionNumber >> 16

/// Polls `condition` until it holds, recording an issue after ten seconds rather than hanging.
private func waitUntil(_ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not reached in time")
            return
        }
        try await Task.sleep(for: .milliseconds(5))
    }
}

extension Set {
    fileprivate init<Elements: AsyncSequence>(_ elements: Elements) async throws where Elements.Element == Element {
        self.init()
        for try await element in elements {
            insert(element)
        }
    }
}

extension Array {
    fileprivate init<Elements: AsyncSequence>(_ elements: Elements) async throws where Elements.Element == Element {
        self.init()
        for try await element in elements {
            append(element)
        }
    }
}

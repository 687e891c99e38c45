import Foundation
import Testing
import WasendHTTP
import WasendTestSupport

/// schemathesis (from PyPI; `deploy/local/run test` installs it into `.build/schemathesis`)
/// generates requests from `schemas/openapi.json` against a running `wasend api` and checks every
/// answer: no 5xx, and every status, content type, header and body as the document says.
@Suite("The API under schemathesis", .serialized)
struct SchemathesisTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let document = directory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schemas/openapi.json")

    @Test("generated requests find no server error and no answer outside the OpenAPI document")
    func noServerErrorAndNothingOutsideTheDocument() async throws {
        let dev = try WasendProcess(["dev", "--partitions", "4", "--senders", "0"])
        let apiLine = try await dev.firstLine(where: { $0.hasPrefix("api http://") }, timeout: .seconds(120))
        let words = apiLine.split(separator: " ")
        let api = String(words[1])
        let key = String(try #require(words.first { $0.hasPrefix("wasend-dev-") }).filter { $0 != ";" })
        try await waitForHealth(api)

        let environment = ProcessInfo.processInfo.environment
        let schemathesis = Process()
        schemathesis.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        schemathesis.arguments = [
            environment["WASEND_SCHEMATHESIS"] ?? "schemathesis", "run",
            Self.document.path, "--url", api,
            "--header", "Authorization: Bearer \(key)", "--max-examples", "50", "--seed", "20261122",
            "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance",
        ]
        // Its cache and reports go to a directory of their own, not the repository.
        schemathesis.currentDirectoryURL = FileManager.default.temporaryDirectory
        schemathesis.environment = environment.merging([
            "SCHEMATHESIS_HOOKS": "wasend_schemathesis_hooks",
            "PYTHONPATH": Self.directory.appendingPathComponent("schemathesis").path,
        ]) { $1 }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("schemathesis-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let log = try FileHandle(forWritingTo: output)
        schemathesis.standardOutput = log
        schemathesis.standardError = log
        try schemathesis.run()
        while schemathesis.isRunning { try await Task.sleep(for: .milliseconds(200)) }
        try log.close()
        let report = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: output)
        dev.signal(SIGTERM)
        _ = try await dev.waitForExit(timeout: .seconds(60))

        #expect(schemathesis.terminationStatus != 127, "schemathesis is not installed: deploy/local/run test installs it")
        #expect(schemathesis.terminationStatus == 0, "\(report.suffix(4_000))")
        print(report.split(separator: "\n").filter { $0.contains("generated") }.joined(separator: "\n"))
    }

    /// `wasend dev` prints the address before the server binds.
    private func waitForHealth(_ api: String) async throws {
        let http = try HTTPClient()
        let deadline = ContinuousClock.now + .seconds(60)
        while (try? await http.execute(HTTPRequest(url: api + "/healthz")))?.status != 200, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        await http.shutdown()
    }
}

import Foundation
import Testing
import WasendTestSupport

/// docker-compose.yml and deploy/ cannot run here (no Docker engine, no cluster), so this checks
/// what can go stale: they parse, and every command, flag, environment variable and port they use
/// exists in the code.
@Suite("Deployment files agree with the code")
struct DeploymentConsistencyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let yamlFiles = ["docker-compose.yml", "deploy/prometheus/prometheus.yml"]
        + ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("deploy/kubernetes").path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted().map { "deploy/kubernetes/" + $0 }

    @Test("every YAML and JSON file parses", arguments: yamlFiles)
    func parses(_ file: String) throws {
        #expect(!(try documents(file)).isEmpty)
    }

    @Test("the Grafana dashboard is JSON with panels")
    func dashboardParses() throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("deploy/grafana/wasend.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((dashboard["panels"] as? [Any])?.isEmpty == false)
    }

    @Test("every wasend command and flag the files run exists")
    func commandsExist() async throws {
        for arguments in try wasendCommands() {
            let subcommand = try #require(arguments.first)
            let help = try await run(["wasend", subcommand, "--help"])
            #expect(help.status == 0, "wasend \(subcommand) does not exist")
            for flag in arguments.dropFirst() where flag.hasPrefix("--") {
                #expect(help.output.contains(flag), "wasend \(subcommand) has no \(flag)")
            }
        }
    }

    @Test("every WASEND_ variable the files set is read by the code or the tenants file")
    func environmentVariablesExist() async throws {
        // The simulator reads `WASEND_SIM_<OPTION>` for each of its options, by a name built at run time.
        let simulatorHelp = try await run(["wasend", "sim", "--help"]).output
        var sources = ""
        let enumerator = FileManager.default.enumerator(at: Self.root.appendingPathComponent("Sources"), includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "swift" { sources += (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        }
        let tenants = try String(contentsOf: Self.root.appendingPathComponent("deploy/config/tenants.json"), encoding: .utf8)
        var names = Set<String>()
        for file in Self.yamlFiles {
            let text = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /WASEND_[A-Z0-9_]+/) { names.insert(String(match.output)) }
        }
        #expect(!names.isEmpty)
        for name in names.sorted() {
            let simulatorOption = name.hasPrefix("WASEND_SIM_")
                && simulatorHelp.contains("--" + name.dropFirst("WASEND_SIM_".count).lowercased().replacingOccurrences(of: "_", with: "-"))
            #expect(sources.contains(name) || tenants.contains(name) || simulatorOption, "\(name) is used by no code")
        }
    }

    @Test("the ports the files expose are the ones the services listen on")
    func portsAgree() throws {
        for document in try documents("deploy/kubernetes/api.yaml") + documents("deploy/kubernetes/sender.yaml")
            + documents("deploy/kubernetes/planner.yaml") + documents("deploy/kubernetes/aggregator.yaml") {
            guard document["kind"] as? String == "Deployment" else { continue }
            let spec = ((document["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]
            for container in spec?["containers"] as? [[String: Any]] ?? [] {
                let arguments = container["args"] as? [String] ?? []
                let port = (container["ports"] as? [[String: Any]])?.first?["containerPort"] as? Int
                if let index = arguments.firstIndex(of: "--port") {
                    #expect(Int(arguments[index + 1]) == port, "\(arguments): containerPort \(port ?? -1)")
                } else {
                    #expect(port == 9090, "\(arguments) serves /metrics on WASEND_METRICS_PORT (9090)")
                }
            }
        }
    }

    // MARK: Reading the files

    /// The YAML documents of `file`, through python3's yaml module (python3-yaml).
    private func documents(_ file: String) throws -> [[String: Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c", "import sys, json, yaml; json.dump([d for d in yaml.safe_load_all(open(sys.argv[1])) if d], sys.stdout)",
            Self.root.appendingPathComponent(file).path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(file) does not parse")
        return try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    }

    /// The argument lists that compose and Kubernetes give the wasend image.
    private func wasendCommands() throws -> [[String]] {
        var commands: [[String]] = []
        let compose = try #require(try documents("docker-compose.yml").first)
        for (_, service) in compose["services"] as? [String: [String: Any]] ?? [:] where service["build"] != nil || (service["image"] as? String)?.hasPrefix("wasend") == true {
            if let command = service["command"] as? [String] { commands.append(command) }
        }
        for file in Self.yamlFiles where file.hasPrefix("deploy/kubernetes/") {
            for document in try documents(file) where document["kind"] as? String == "Deployment" {
                let spec = ((document["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]
                for container in spec?["containers"] as? [[String: Any]] ?? [] {
                    if let arguments = container["args"] as? [String] { commands.append(arguments) }
                }
            }
        }
        #expect(commands.count >= 8)
        return commands
    }

    private func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try WasendExecutable.url()
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

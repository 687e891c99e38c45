import Foundation
import Testing
import WasendTestSupport

/// The command-line client against `wasend dev`, over real HTTP, each command a process of its own.
@Suite("wasend campaign against wasend dev", .serialized)
struct CampaignCommandTests {
    @Test("submit streams a file in parts; report, pause, resume, cancel and watch work on the campaign")
    func clientCommandsDriveACampaign() async throws {
        // No senders: the campaign stays running, so pause, resume and cancel have something to act
        // on (the demo takes campaigns to completion).
        let dev = try WasendProcess(["dev", "--partitions", "4", "--senders", "0"])
        let apiLine = try await dev.firstLine(where: { $0.hasPrefix("api http://") }, timeout: .seconds(120))
        let words = apiLine.split(separator: " ")
        let client = [
            "--api-url", String(words[1]),
            "--api-key", String(try #require(words.first { $0.hasPrefix("wasend-dev-") }).filter { $0 != ";" }),
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasend-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("recipients.csv")
        try Data("""
            phone,opt_in,first_name
            +44 7700 900123,true,"Ann, the first"
            +1 (415) 555-0100,true,Bob
            abc,true,Bad
            +4915123456789,false,NoOpt
            +33 6 12 34 56 78,true,Chloé

            """.utf8).write(to: file)

        func wasend(_ arguments: [String]) async throws -> (status: Int32, lines: [String]) {
            let process = try WasendProcess(["campaign"] + arguments + client)
            let status = try await process.waitForExit(timeout: .seconds(60))
            return (status, process.lines)
        }

        // The address is printed before the server binds: submit until the API answers.
        var submitted: (status: Int32, lines: [String]) = (1, [])
        let listening = ContinuousClock.now + .seconds(60)
        repeat {
            submitted = try await wasend([
                "submit", file.path, "--template", "spring_sale", "--from", "100000000000001",
                "--body-param", "{{first_name}}", "--rows-per-part", "2",
            ])
        } while submitted.status != 0 && ContinuousClock.now < listening
        #expect(submitted.status == 0, "\(submitted.lines)")
        #expect(submitted.lines.filter { $0.hasPrefix("uploaded rows") }.count == 3)
        let started = try #require(submitted.lines.first { $0.hasSuffix("started with 5 recipients") })
        let campaignID = String(started.split(separator: " ")[1])

        var planned: [String] = []
        let planning = ContinuousClock.now + .seconds(60)
        while !planned.contains(where: { $0.hasPrefix("planned") && $0.hasSuffix(" 3") }), ContinuousClock.now < planning {
            try await Task.sleep(for: .milliseconds(250))
            planned = try await wasend(["report", campaignID]).lines
        }
        #expect(planned.contains { $0.hasPrefix("planned") && $0.hasSuffix(" 3") }, "\(planned)")
        #expect(planned.contains { $0.hasPrefix("recipients received") && $0.hasSuffix(" 5") })
        #expect(planned.contains { $0.hasPrefix("  invalid_phone") && $0.hasSuffix(" 1") })
        #expect(planned.contains { $0.hasPrefix("  no_opt_in") && $0.hasSuffix(" 1") })

        #expect(try await wasend(["pause", campaignID]).lines.contains("campaign \(campaignID) is paused"))
        #expect(try await wasend(["resume", campaignID]).lines.contains("campaign \(campaignID) is running"))
        #expect(try await wasend(["cancel", campaignID]).lines.contains("campaign \(campaignID) is cancelled"))
        let watched = try await wasend(["watch", campaignID])
        #expect(watched.status == 0)
        #expect(watched.lines.contains { $0.hasPrefix("state") && $0.hasSuffix("cancelled") })

        dev.signal(SIGTERM)
        #expect(try await dev.waitForExit() == 0)
    }

    @Test("a file of an unknown kind is refused before anything is sent")
    func unknownFileKindIsRefused() async throws {
        let directory = FileManager.default.temporaryDirectory
        let file = directory.appendingPathComponent("wasend-cli-\(UUID().uuidString).txt")
        try Data("phone\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = try WasendProcess([
            "campaign", "submit", file.path, "--template", "t", "--from", "1", "--api-key", "k",
        ])
        #expect(try await process.waitForExit() != 0)
    }
}

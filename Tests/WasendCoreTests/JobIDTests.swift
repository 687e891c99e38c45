import Testing

import WasendCore

@Suite("Job ids")
struct JobIDTests {
    @Test("A campaign and recipient give the same id in every version: replays and webhooks depend on it")
    func pinned() throws {
        // SHA-256 over the length-prefixed parts, computed apart from Wasend (Python's hashlib).
        let id = JobID(campaignID: "spring-sale", recipient: try PhoneNumber(parsing: "+49 151 2345 6789"))
        #expect(id.rawValue == "j1d5ec85c75d54c9a3909afbb3c4e0b53")
    }

    @Test("The id is stable, fixed-length and depends on both campaign and recipient")
    func deterministic() throws {
        let alice = try PhoneNumber(parsing: "+49 151 2345 6789")
        let bob = try PhoneNumber(parsing: "+44 7911 123456")
        let id = JobID(campaignID: "spring-sale", recipient: alice)
        #expect(id == JobID(campaignID: "spring-sale", recipient: try PhoneNumber(parsing: "0049 151 23456789")))
        #expect(id != JobID(campaignID: "spring-sale", recipient: bob))
        #expect(id != JobID(campaignID: "spring-sale-2", recipient: alice))
        #expect(id.rawValue.count == 33)
        #expect(id.rawValue.hasPrefix("j"))
        #expect(id.rawValue.dropFirst().allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(!id.rawValue.contains(alice.digits))
        // Pinned (computed independently with Python's hashlib): a change here would give every
        // replayed job a new id and defeat the send ledger.
        #expect(id.rawValue == "j1d5ec85c75d54c9a3909afbb3c4e0b53")
        #expect(JobID(campaignID: String(repeating: "c", count: 2000), recipient: bob).rawValue.count == 33)
    }

    @Test("Campaign and recipient boundaries cannot be shifted to collide")
    func unambiguous() throws {
        let short = try PhoneNumber(e164Digits: "4915123456789")
        let long = try PhoneNumber(e164Digits: "14915123456789")
        #expect(JobID(campaignID: "a1", recipient: short) != JobID(campaignID: "a", recipient: long))
    }
}

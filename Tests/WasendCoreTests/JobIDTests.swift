import Testing

@testable import WasendCore

@Suite("Job ids")
struct JobIDTests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256Vectors() {
        func hex(_ bytes: [UInt8]) -> String {
            bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
        #expect(hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256.hash("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            hex(SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            hex(
                SHA256.hash(
                    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
                        .utf8))
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        // 55, 56 and 64 bytes straddle the padding boundary.
        #expect(
            hex(SHA256.hash(repeatElement(UInt8(ascii: "a"), count: 64)))
                == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
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

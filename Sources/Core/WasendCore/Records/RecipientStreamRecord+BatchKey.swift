extension RecipientStreamRecord {
    /// The Kafka key of a batch record, `<campaign>/<upload>/<sequence>`: it names the batch, so a
    /// reader that needs only which batch lies where (a restore of Redis) reads keys, not recipients.
    public struct BatchKey: Sendable, Hashable, CustomStringConvertible {
        public var campaignID: String
        public var uploadID: String
        public var sequence: Int

        public init(campaignID: String, uploadID: String, sequence: Int) {
            self.campaignID = campaignID
            self.uploadID = uploadID
            self.sequence = sequence
        }

        /// `nil` for a marker's key (the campaign id alone) or anything else that names no batch.
        public init?(_ key: String) {
            let parts = key.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, let sequence = Int(parts[2]) else { return nil }
            self.init(campaignID: String(parts[0]), uploadID: String(parts[1]), sequence: sequence)
        }

        public var description: String { "\(campaignID)/\(uploadID)/\(sequence)" }
    }
}

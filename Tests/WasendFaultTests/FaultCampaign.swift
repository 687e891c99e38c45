/// The recipients of every scenario's campaign: generated numbers, every 97th row an invalid phone,
/// and in the second half every 89th row a number of the first half again. Skips of both kinds are
/// reconciled, and a planner that forgot whom it had planned (Redis emptied while it expanded) shows
/// as a job too many.
struct FaultCampaign {
    /// The phone column, one entry per uploaded row.
    let phones: [String]

    init(recipients: Int) {
        let half = recipients / 2
        phones = (0..<recipients).map { row in
            if row % 97 == 13 { return "not-a-phone" }
            let number = row >= half && row % 89 == 5 ? row - half : row
            return "+4915\(100_000_000 + number)"
        }
    }

    var recipients: Int { phones.count }

    var csv: String {
        var csv = "phone,opt_in,first_name\n"
        for (row, phone) in phones.enumerated() { csv += "\(phone),true,Person \(row)\n" }
        return csv
    }

    /// The planner's skips by reason: the rows with an invalid phone, and every valid row past the
    /// first of its number.
    var expectedSkips: [String: Int64] {
        let invalid = phones.count { $0 == "not-a-phone" }
        let valid = phones.filter { $0 != "not-a-phone" }
        let duplicates = valid.count - Set(valid).count
        return ["invalid_phone": Int64(invalid), "duplicate": Int64(duplicates)].filter { $0.value > 0 }
    }

    var expectedPlanned: Int { Set(phones.filter { $0 != "not-a-phone" }).count }

    /// Distinct keys of the campaign's final results: a duplicate's skipped result has its number's
    /// job id, the key of that number's send result.
    var expectedResultKeys: Int { recipients - Int(expectedSkips["duplicate"] ?? 0) }
}

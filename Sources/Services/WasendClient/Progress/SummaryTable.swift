/// The final table of `wasend campaign watch` and `report`: every counter, with the breakdowns
/// by reason and code, and the checks that make the numbers add up.
public enum SummaryTable {
    public static func render(_ progress: CampaignProgress) -> String {
        let counters = progress.counters
        var rows: [(String, String)] = [
            ("campaign", progress.id),
            ("name", progress.name),
            ("state", progress.state + (progress.pauseReason.map { " (\($0))" } ?? "")),
            ("recipients received", "\(progress.recipientsReceived)"),
            ("planned", "\(counters.planned)"),
        ]
        rows += breakdown("skipped", counters.skipped)
        rows += [
            ("accepted by Meta", "\(counters.accepted)"),
            ("sent", "\(counters.sent)"),
            ("delivered", "\(counters.delivered)"),
            ("read", "\(counters.read)"),
        ]
        rows += breakdown("failed to send", counters.failed)
        rows += breakdown("failed to deliver", counters.deliveryFailed)
        rows.append(("expired", "\(counters.expired)"))
        rows += breakdown("waits on limits", counters.deferred)
        let nameWidth = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.map(\.1.count).max() ?? 0
        let rule = String(repeating: "-", count: nameWidth + valueWidth + 3)
        var text = rule + "\n"
        for (name, value) in rows {
            text += name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "   "
            text += String(repeating: " ", count: valueWidth - value.count) + value + "\n"
        }
        return text + rule + "\n"
    }

    /// A total row, then one indented row per key, largest first.
    private static func breakdown(_ title: String, _ counts: [String: Int64]) -> [(String, String)] {
        let total = counts.values.reduce(0, +)
        let lines = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return [(title, "\(total)")] + lines.map { ("  \($0.key)", "\($0.value)") }
    }
}

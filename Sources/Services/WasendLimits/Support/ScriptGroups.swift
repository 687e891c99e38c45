/// Items split by the Redis Cluster slot their script must run in (a campaign, a number), in the
/// order each key first appears, with every item's place remembered: one script call per group
/// answers for all its items, and ``scatter(_:)`` puts the answers back in the items' order.
///
/// A script call costs Redis several microseconds before it does any work; one call per group
/// instead of one per item is most of what a batch saves.
struct ScriptGroups<Key: Hashable, Item> {
    private(set) var groups: [(key: Key, items: [Item])] = []
    private var placements: [(group: Int, position: Int)] = []

    init(_ items: [Item], by key: (Item) -> Key) {
        var groupOfKey: [Key: Int] = [:]
        placements.reserveCapacity(items.count)
        for item in items {
            let itemKey = key(item)
            let group = groupOfKey[itemKey] ?? groups.count
            if group == groups.count {
                groupOfKey[itemKey] = group
                groups.append((itemKey, []))
            }
            placements.append((group, groups[group].items.count))
            groups[group].items.append(item)
        }
    }

    /// The answers of every group (in group order, one per item) in the order of the items.
    func scatter<Answer>(_ answers: [[Answer]]) -> [Answer] {
        placements.map { answers[$0.group][$0.position] }
    }
}

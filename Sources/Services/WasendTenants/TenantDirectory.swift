/// Every tenant, found by API key. Built once at startup and immutable, so lookups need no lock.
public struct TenantDirectory: Sendable {
    public let tenants: [Tenant]
    private let tenantIndexByKey: [String: Int]

    /// Fails when two tenants share a key or a sender number: either would let one tenant act as another.
    public init(tenants: [Tenant]) throws(TenantConfigurationError) {
        var index: [String: Int] = [:]
        var numberOwners: [String: String] = [:]
        var seenIDs: Set<String> = []
        for (position, tenant) in tenants.enumerated() {
            guard seenIDs.insert(tenant.id).inserted else {
                throw TenantConfigurationError(field: "tenants[\(position)].id", reason: "\(tenant.id) is used twice")
            }
            for (keyPosition, key) in tenant.apiKeys.enumerated() {
                guard index.updateValue(position, forKey: key.value) == nil else {
                    throw TenantConfigurationError(
                        field: "tenants[\(position)].api_keys[\(keyPosition)]", reason: "this key belongs to another tenant too")
                }
            }
            for (numberPosition, number) in tenant.numbers.enumerated() {
                if let owner = numberOwners.updateValue(tenant.id, forKey: number.phoneNumberID) {
                    throw TenantConfigurationError(
                        field: "tenants[\(position)].numbers[\(numberPosition)].phone_number_id",
                        reason: "\(number.phoneNumberID) already belongs to tenant \(owner)")
                }
            }
        }
        self.tenants = tenants
        self.tenantIndexByKey = index
    }

    /// Compares the presented key with each stored key in constant time per key,
    /// so response timing does not reveal how much of a key was right.
    public func tenant(apiKey: String) -> Tenant? {
        let presented = Array(apiKey.utf8)
        var found: Int?
        for (key, position) in tenantIndexByKey where Self.constantTimeEquals(Array(key.utf8), presented) {
            found = position
        }
        return found.map { tenants[$0] }
    }

    private static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}

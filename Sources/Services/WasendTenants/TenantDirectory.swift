/// Every tenant, found by API key. Built once at startup and immutable, so lookups need no lock.
public struct TenantDirectory: Sendable {
    public let tenants: [Tenant]
    /// Each API key with the position of its tenant. The keys are ``Secret``s, so the directory
    /// prints without them (ServiceLifecycle logs its services, configuration included, at debug level).
    private let keyOwners: [(key: Secret, tenant: Int)]

    /// Fails when two tenants share a key or a sender number: either would let one tenant act as another.
    public init(tenants: [Tenant]) throws(TenantConfigurationError) {
        var keyOwners: [(key: Secret, tenant: Int)] = []
        var seenKeys: Set<String> = []
        var numberOwners: [String: String] = [:]
        var seenIDs: Set<String> = []
        for (position, tenant) in tenants.enumerated() {
            guard seenIDs.insert(tenant.id).inserted else {
                throw TenantConfigurationError(field: "tenants[\(position)].id", reason: "\(tenant.id) is used twice")
            }
            for (keyPosition, key) in tenant.apiKeys.enumerated() {
                guard seenKeys.insert(key.value).inserted else {
                    throw TenantConfigurationError(
                        field: "tenants[\(position)].api_keys[\(keyPosition)]", reason: "this key belongs to another tenant too")
                }
                keyOwners.append((key, position))
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
        self.keyOwners = keyOwners
    }

    /// Compares the presented key with each stored key in constant time per key,
    /// so response timing does not reveal how much of a key was right.
    public func tenant(apiKey: String) -> Tenant? {
        let presented = Array(apiKey.utf8)
        var found: Int?
        for (key, tenant) in keyOwners where Self.constantTimeEquals(Array(key.value.utf8), presented) {
            found = tenant
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

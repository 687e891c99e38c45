// swift-tools-version:6.0
import PackageDescription

/// Layers (dependencies point downward only):
/// C system libraries → adapters → core (no I/O) → provider → services → the `wasend` executable.
let package = Package(
    name: "wasend",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "wasend", targets: ["wasend"]),
        .library(name: "WasendKafka", targets: ["WasendKafka"]),
        .library(name: "WasendRedis", targets: ["WasendRedis"]),
        .library(name: "WasendLocalServers", targets: ["WasendLocalServers"]),
        .library(name: "WasendHTTP", targets: ["WasendHTTP"]),
        .library(name: "WasendCore", targets: ["WasendCore"]),
        .library(name: "WasendCloudAPI", targets: ["WasendCloudAPI"]),
        .library(name: "WasendSimulator", targets: ["WasendSimulator"]),
        .library(name: "WasendPlanner", targets: ["WasendPlanner"]),
        .library(name: "WasendAPI", targets: ["WasendAPI"]),
        .library(name: "WasendTenants", targets: ["WasendTenants"]),
        .library(name: "WasendCampaigns", targets: ["WasendCampaigns"]),
        .library(name: "WasendAggregator", targets: ["WasendAggregator"]),
        .library(name: "WasendClient", targets: ["WasendClient"]),
        .library(name: "WasendDoctor", targets: ["WasendDoctor"]),
        .library(name: "WasendLimits", targets: ["WasendLimits"]),
        .library(name: "WasendOperations", targets: ["WasendOperations"]),
        .library(name: "WasendSender", targets: ["WasendSender"]),
        .library(name: "WasendTestSupport", targets: ["WasendTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        // MARK: 1. C system libraries and the variadic shim
        .systemLibrary(
            name: "CRdKafka", path: "Sources/C/CRdKafka", pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]),
        .systemLibrary(
            name: "CHiredis", path: "Sources/C/CHiredis", pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Sources/C/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShim", dependencies: ["CCurl"], path: "Sources/C/CCurlShim"),

        // MARK: 2. Adapters: each owns its C handles on dedicated threads
        .target(
            name: "WasendKafka",
            dependencies: [
                "CRdKafka",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Adapters/WasendKafka"),
        .target(
            name: "WasendRedis",
            dependencies: [
                "CHiredis",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            path: "Sources/Adapters/WasendRedis"),
        .target(
            name: "WasendHTTP",
            dependencies: [
                "CCurl", "CCurlShim",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Adapters/WasendHTTP"),

        .target(
            name: "WasendLocalServers",
            dependencies: ["WasendRedis"],
            path: "Sources/Adapters/WasendLocalServers"),

        // MARK: 3. Core: the domain, no I/O
        .target(
            name: "WasendCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/Core/WasendCore"),

        // MARK: 4. Provider: Meta's Cloud API
        .target(
            name: "WasendCloudAPI",
            dependencies: [
                "WasendCore", "WasendHTTP",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Provider/WasendCloudAPI"),

        // MARK: 5. Services
        .target(
            name: "WasendSimulator",
            dependencies: [
                "WasendCore", "WasendCloudAPI", "WasendHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Services/WasendSimulator"),
        /// Tenants, their API keys and sender numbers (with tokens), shared by the services that send
        /// or authenticate; loading a secret is I/O, so it lives here and not in the core.
        .target(
            name: "WasendTenants",
            dependencies: ["WasendCore", "WasendCloudAPI"],
            path: "Sources/Services/WasendTenants"),
        /// Campaign records in Redis and on `wasend.campaigns`, and the one way to change their state,
        /// shared by the API, the sender and the aggregator.
        .target(
            name: "WasendCampaigns",
            dependencies: [
                "WasendCore", "WasendKafka", "WasendRedis", .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Sources/Services/WasendCampaigns"),
        /// The campaign API's client, for `wasend campaign …`: calls, file parts, progress display.
        .target(
            name: "WasendClient",
            dependencies: ["WasendHTTP", "WasendKafka", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Services/WasendClient"),
        /// The sending state the senders and the aggregator share in Redis: limits and the send ledger.
        .target(
            name: "WasendLimits",
            dependencies: ["WasendCore", "WasendRedis"],
            path: "Sources/Services/WasendLimits"),
        /// Health, readiness and metrics endpoints, and JSON logs, for every service.
        .target(
            name: "WasendOperations",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Sources/Services/WasendOperations"),
        /// `wasend doctor`: checks a Meta (or simulator) configuration by reading it.
        .target(
            name: "WasendDoctor",
            dependencies: ["WasendCloudAPI", "WasendHTTP", "WasendTenants"],
            path: "Sources/Services/WasendDoctor"),
        .target(
            name: "WasendAPI",
            dependencies: [
                "WasendCore", "WasendCloudAPI", "WasendKafka", "WasendRedis", "WasendTenants", "WasendCampaigns",
                "WasendLimits",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Sources/Services/WasendAPI"),

        .target(
            name: "WasendPlanner",
            dependencies: [
                "WasendCore", "WasendKafka", "WasendRedis", "WasendCampaigns",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Sources/Services/WasendPlanner"),
        .target(
            name: "WasendAggregator",
            dependencies: [
                "WasendCore", "WasendCloudAPI", "WasendKafka", "WasendRedis", "WasendCampaigns", "WasendLimits",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Sources/Services/WasendAggregator"),

        .target(
            name: "WasendSender",
            dependencies: [
                "WasendCore", "WasendCloudAPI", "WasendHTTP", "WasendKafka", "WasendRedis", "WasendTenants",
                "WasendCampaigns", "WasendLimits",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Sources/Services/WasendSender"),

        // MARK: 6. The executable: argument parsing and wiring only
        .executableTarget(
            name: "wasend",
            dependencies: [
                "WasendKafka", "WasendRedis", "WasendLocalServers", "WasendHTTP", "WasendCore", "WasendCloudAPI",
                "WasendSimulator",
                "WasendTenants",
                "WasendCampaigns",
                "WasendClient",
                "WasendDoctor",
                "WasendOperations",
                "WasendAPI",
                "WasendPlanner",
                "WasendAggregator",
                "WasendSender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Executable/wasend"),

        // MARK: Tests
        .target(
            name: "WasendTestSupport",
            dependencies: [
                "WasendHTTP", "WasendKafka", "WasendRedis", "WasendLocalServers", "WasendSimulator",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/WasendTestSupport"),
        .testTarget(name: "WasendKafkaTests", dependencies: ["WasendKafka", "WasendTestSupport"]),
        .testTarget(name: "WasendRedisTests", dependencies: ["WasendRedis", "WasendTestSupport"]),
        .testTarget(name: "WasendHTTPTests", dependencies: ["WasendHTTP", "WasendTestSupport"]),
        .testTarget(name: "WasendCoreTests", dependencies: ["WasendCore"]),
        .testTarget(name: "WasendClientTests", dependencies: ["WasendClient"]),
        .testTarget(name: "WasendCommandTests", dependencies: ["WasendCore", "WasendHTTP", "WasendKafka", "WasendTestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "WasendCloudAPITests",
            dependencies: [
                "WasendCloudAPI", "WasendCore", "WasendHTTP", "WasendSimulator", "WasendTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Samples")]),
        .testTarget(
            name: "WasendSimulatorTests",
            dependencies: [
                "WasendSimulator", "WasendCloudAPI", "WasendHTTP", "WasendTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "WasendAPITests",
            dependencies: [
                "WasendAPI", "WasendCampaigns", "WasendCloudAPI", "WasendCore", "WasendKafka", "WasendLimits", "WasendRedis",
                "WasendTenants", "WasendTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "WasendPlannerTests",
            dependencies: ["WasendPlanner", "WasendAPI", "WasendCampaigns", "WasendCore", "WasendKafka", "WasendRedis", "WasendTestSupport"]),
        .testTarget(
            name: "WasendAggregatorTests",
            dependencies: [
                "WasendAggregator", "WasendCampaigns", "WasendCloudAPI", "WasendCore", "WasendKafka", "WasendLimits",
                "WasendRedis", "WasendTestSupport",
            ]),
        .testTarget(
            name: "WasendLimitsTests",
            dependencies: ["WasendLimits", "WasendCore", "WasendRedis", "WasendTestSupport"]),
        .testTarget(
            name: "WasendFaultTests",
            dependencies: [
                "WasendClient", "WasendCloudAPI", "WasendCore", "WasendHTTP", "WasendKafka", "WasendRedis",
                "WasendSimulator", "WasendTestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["schemathesis"]),
        .testTarget(
            name: "WasendSenderTests",
            dependencies: [
                "WasendSender", "WasendCampaigns", "WasendCloudAPI", "WasendCore", "WasendHTTP", "WasendKafka", "WasendLimits",
                "WasendRedis", "WasendSimulator", "WasendTenants", "WasendTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
    ]
)

// swift-tools-version:6.0
import PackageDescription

/// Benchmarks live apart from the tests and the main build: they print figures, never assert.
/// Run: `swift run -c release --package-path Benchmarks wasend-bench --help`
let package = Package(
    name: "wasend-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "wasend", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        .executableTarget(
            name: "wasend-bench",
            dependencies: [
                .product(name: "WasendKafka", package: "wasend"),
                .product(name: "WasendRedis", package: "wasend"),
                .product(name: "WasendLocalServers", package: "wasend"),
                .product(name: "WasendHTTP", package: "wasend"),
                .product(name: "WasendCore", package: "wasend"),
                .product(name: "WasendCloudAPI", package: "wasend"),
                .product(name: "WasendSimulator", package: "wasend"),
                .product(name: "WasendPlanner", package: "wasend"),
                .product(name: "WasendAggregator", package: "wasend"),
                .product(name: "WasendCampaigns", package: "wasend"),
                .product(name: "WasendSender", package: "wasend"),
                .product(name: "WasendLimits", package: "wasend"),
                .product(name: "WasendAPI", package: "wasend"),
                .product(name: "WasendTenants", package: "wasend"),
                .product(name: "WasendTestSupport", package: "wasend"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/wasend-bench"),
    ]
)

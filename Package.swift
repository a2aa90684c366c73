// swift-tools-version:6.1
import Foundation
import PackageDescription

/// The same upcoming features for every target, as swift-log and Hummingbird do.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "firebreak",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "firebreak", targets: ["firebreak"]),
        .executable(name: "firebreak-bench", targets: ["firebreak-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        .target(name: "FirebreakCore"),
        .target(
            name: "FirebreakStore",
            dependencies: [
                "FirebreakCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("sql")]
        ),
        // One method per user operation, run on the database or through a `firebreak serve`.
        .target(
            name: "FirebreakOperations",
            dependencies: [
                "FirebreakCore",
                "FirebreakStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .target(
            name: "FirebreakServer",
            dependencies: [
                "FirebreakCore",
                "FirebreakStore",
                "FirebreakOperations",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("openapi.yaml")]
        ),
        .target(
            name: "FirebreakCLI",
            dependencies: [
                "FirebreakCore",
                "FirebreakStore",
                "FirebreakOperations",
                "FirebreakServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("demo")]
        ),
        .executableTarget(name: "firebreak", dependencies: ["FirebreakCLI"]),
        // Holds connections open against a server for the chaos tests, from a process of its own.
        .executableTarget(name: "firebreak-chaos"),
        .executableTarget(
            name: "firebreak-bench",
            dependencies: [
                "FirebreakCore", "FirebreakStore", "FirebreakOperations", "FirebreakServer", "FirebreakTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(
            name: "FirebreakTesting",
            dependencies: [
                "FirebreakCore",
                "FirebreakStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(name: "FirebreakCoreTests", dependencies: ["FirebreakCore", "FirebreakTesting"]),
        .testTarget(
            name: "FirebreakStoreTests",
            dependencies: [
                "FirebreakCore", "FirebreakStore", "FirebreakTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "FirebreakServerTests",
            dependencies: [
                "FirebreakCore", "FirebreakStore", "FirebreakServer", "FirebreakTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // The service and the CLI as processes: live servers, chaos, killed and restarted processes.
        .testTarget(
            name: "FirebreakSystemTests",
            dependencies: [
                "FirebreakCore", "FirebreakStore", "FirebreakServer", "FirebreakTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "FirebreakCLITests",
            dependencies: ["FirebreakCLI", "FirebreakStore", "FirebreakTesting"]
        ),
    ]
)

for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}

/// `FIREBREAK_FUZZ=1` adds the libFuzzer targets that `scripts/fuzz` builds and runs, and instruments
/// Firebreak's own modules for coverage. Only Firebreak's modules get the flag: the dependencies
/// compile exactly as in a normal debug build, so a fuzz build in the same `.build` reuses them.
/// Off by default, so `swift build` and `swift test` never see these targets.
if Context.environment["FIREBREAK_FUZZ"] == "1" {
    // The core, where the Markdown and CSV targets spend their time, is also optimised: four times the
    // CSV inputs a second for 20 more seconds of build; overflow and bounds checks stay in at -O.
    let instrumented = [
        "FirebreakCore": ["-sanitize=fuzzer", "-O"], "FirebreakStore": ["-sanitize=fuzzer"],
        "FirebreakServer": ["-sanitize=fuzzer"],
    ]
    for target in package.targets {
        guard let flags = instrumented[target.name] else { continue }
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(flags)]
    }
    // SwiftPM gives every executable its own `main`, so the fuzz targets link libFuzzer without
    // one and hand over to `LLVMFuzzerRunDriver` from theirs (`-sanitize=fuzzer` at link time
    // would bring a second `main`).
    let linkLibFuzzer: [LinkerSetting] = [
        .unsafeFlags([
            "-Xlinker", "--whole-archive", "-Xlinker", libFuzzerWithoutMain(), "-Xlinker", "--no-whole-archive",
        ]),
        .linkedLibrary("stdc++"),
    ]
    package.targets += [
        .target(name: "LibFuzzer"),
        .executableTarget(
            name: "fuzz-markdown", dependencies: ["LibFuzzer", "FirebreakCore"], swiftSettings: swiftSettings,
            linkerSettings: linkLibFuzzer),
        .executableTarget(
            name: "fuzz-jira-csv", dependencies: ["LibFuzzer", "FirebreakCore"], swiftSettings: swiftSettings,
            linkerSettings: linkLibFuzzer),
        .executableTarget(
            name: "fuzz-json", dependencies: ["LibFuzzer", "FirebreakServer"], swiftSettings: swiftSettings,
            linkerSettings: linkLibFuzzer),
    ]
}

/// The toolchain's `libclang_rt.fuzzer_no_main`, beside the `swiftc` found on `PATH`.
func libFuzzerWithoutMain() -> String {
    #if arch(arm64)
    let arch = "aarch64"
    #else
    let arch = "x86_64"
    #endif
    let library = "lib/swift/clang/lib/linux/libclang_rt.fuzzer_no_main-\(arch).a"
    for folder in (Context.environment["PATH"] ?? "").split(separator: ":") {
        let bin = URL(fileURLWithPath: String(folder))
        guard FileManager.default.fileExists(atPath: bin.appendingPathComponent("swiftc").path) else { continue }
        let path = bin.deletingLastPathComponent().appendingPathComponent(library).path
        if FileManager.default.fileExists(atPath: path) { return path }
    }
    fatalError("FIREBREAK_FUZZ=1: no \(library) beside the swiftc on PATH")
}

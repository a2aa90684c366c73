// swift-tools-version:6.1
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
        .target(
            name: "FirebreakCLI",
            dependencies: [
                "FirebreakCore",
                "FirebreakStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("demo")]
        ),
        .executableTarget(name: "firebreak", dependencies: ["FirebreakCLI"]),
        .executableTarget(
            name: "firebreak-bench",
            dependencies: [
                "FirebreakCore", "FirebreakStore", "FirebreakTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
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
        .testTarget(name: "FirebreakCoreTests", dependencies: ["FirebreakCore"]),
        .testTarget(
            name: "FirebreakStoreTests",
            dependencies: [
                "FirebreakCore", "FirebreakStore", "FirebreakTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
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

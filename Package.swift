// swift-tools-version: 6.1
import PackageDescription

let strictSwift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "missedcall",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ModemKit", targets: ["ModemKit"]),
        .library(name: "ModemSimulator", targets: ["ModemSimulator"]),
        .library(name: "SessionStore", targets: ["SessionStore"]),
        .library(name: "CallbackDispatcher", targets: ["CallbackDispatcher"]),
        .executable(name: "modemkit-demo", targets: ["ModemKitDemo"]),
        .executable(name: "missedcalld", targets: ["missedcalld"]),
        .executable(name: "missedcallctl", targets: ["missedcallctl"]),
        .executable(name: "quickstart-swift", targets: ["QuickstartSwift"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CUDev",
            pkgConfig: "libudev",
            providers: [.apt(["libudev-dev"])]
        ),
        .target(
            name: "ModemKit",
            dependencies: [
                "CUDev",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift6
        ),
        // The admin API's request and response types, shared by missedcalld and missedcallctl.
        .target(
            name: "AdminContract",
            swiftSettings: strictSwift6
        ),
        .target(
            name: "ModemSimulator",
            dependencies: [
                .product(name: "Logging", package: "swift-log")
            ],
            swiftSettings: strictSwift6
        ),
        .target(
            name: "SessionStore",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift6
        ),
        .target(
            name: "CallbackDispatcher",
            dependencies: [
                .product(name: "NIOHTTP1", package: "swift-nio"),
                "SessionStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift6
        ),
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .target(
            name: "GatewayAPI",
            dependencies: [
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "SessionStore", "CallbackDispatcher", "CCairo",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            // The widget, its words, the demo page and the OpenAPI description, compiled in.
            resources: [.embedInCode("Web/Resources")],
            swiftSettings: strictSwift6
        ),
        .target(
            name: "Gateway",
            dependencies: [
                "AdminContract",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                "GatewayAPI", "SessionStore", "CallbackDispatcher", "ModemKit", "ModemSimulator",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/number-data.tsv"), .copy("Resources/LICENSE-phonenumbers.txt")],
            swiftSettings: strictSwift6
        ),
        .executableTarget(
            name: "GatewayBenchmark",
            dependencies: [
                "Gateway", "SessionStore", "LoopbackReceivers",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/Gateway",
            swiftSettings: strictSwift6
        ),
        .executableTarget(
            name: "FleetBenchmark",
            dependencies: [
                "AdminContract", "ModemSimulator", "LoopbackReceivers",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/Fleet",
            swiftSettings: strictSwift6
        ),
        // docs/integration/: the Swift quickstart (a Hummingbird app), exercised by QuickstartTests.
        .executableTarget(
            name: "QuickstartSwift",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "examples/quickstart/swift",
            swiftSettings: strictSwift6
        ),
        .executableTarget(
            name: "missedcalld",
            dependencies: [
                "Gateway", .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift6
        ),
        .executableTarget(
            name: "missedcallctl",
            dependencies: [
                "AdminContract",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                "Gateway", "GatewayAPI", "SessionStore", "CallbackDispatcher", "LoopbackReceivers", "ModemSimulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSwift6
        ),
        // Real daemons under descriptor limits and umasks, floods, dead peers: slower than the
        // unit tests, run by `scripts/test` and CI (`swift test --skip ReliabilityTests` skips them).
        .testTarget(
            name: "ReliabilityTests",
            dependencies: [
                "Gateway", "SessionStore", "CallbackDispatcher", "LoopbackReceivers", "ModemKit", "ModemSimulator",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "GatewayAPITests",
            dependencies: [
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"), "GatewayAPI", "SessionStore", "CallbackDispatcher",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strictSwift6
        ),
        .target(
            name: "LoopbackReceivers",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSwift6
        ),
        .executableTarget(
            name: "ModemKitDemo",
            dependencies: [
                .product(name: "NIOPosix", package: "swift-nio"),
                "ModemKit", "ModemSimulator",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift6
        ),
        .executableTarget(
            name: "RingHangUpBenchmark",
            dependencies: [
                .product(name: "NIOPosix", package: "swift-nio"),
                "ModemKit", "ModemSimulator",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/RingHangUp",
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "ModemKitTests",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"), "ModemKit", "ModemSimulator",
            ],
            swiftSettings: strictSwift6
        ),
        .executableTarget(
            name: "SessionStoreBenchmark",
            dependencies: ["SessionStore", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/SessionStore",
            swiftSettings: strictSwift6
        ),
        .executableTarget(
            name: "store-crash-writer",
            dependencies: ["SessionStore", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Tools/StoreCrashWriter",
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "SessionStoreTests",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), "SessionStore", .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "CallbackDispatcherTests",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                "CallbackDispatcher", "SessionStore", "LoopbackReceivers", "ModemKit", "ModemSimulator",
            ],
            swiftSettings: strictSwift6
        ),
        .executableTarget(
            name: "dispatch-worker",
            dependencies: ["CallbackDispatcher", "SessionStore", "LoopbackReceivers", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Tools/DispatchWorker",
            swiftSettings: strictSwift6
        ),
        .executableTarget(
            name: "CallbackDispatcherBenchmark",
            dependencies: [
                "CallbackDispatcher", "SessionStore", "LoopbackReceivers",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/CallbackDispatcher",
            swiftSettings: strictSwift6
        ),
        .testTarget(
            name: "ModemSimulatorTests",
            dependencies: ["ModemSimulator"],
            swiftSettings: strictSwift6
        ),
    ]
)

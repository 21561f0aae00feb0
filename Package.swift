// swift-tools-version:6.2
// spd-gateway: the hardware gateway of a hospital SPD system.
//
// Targets and what each owns (dependencies point downward only; the I/O modules meet only in the daemon):
//   GatewayCodes       barcode grammars; pure, no I/O
//   GatewayCore        domain model, config, events, session state machines, wire messages; pure
//   GatewayDevices     syscalls, evdev, hidraw, serial, udev, Modbus client
//   GatewayStore       SQLite cache and outbox
//   GatewayForwarding  backend socket client (SwiftNIO)
//   GatewayTesting     in-memory doubles and a manual clock
//   spd-gatewayd       the daemon: composition as a ServiceGroup
//   spd-gateway        operator CLI
//   spd-sim            simulators (scanner, cabinet, backend), in Simulators/
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "spd-gateway",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "spd-gatewayd", targets: ["spd-gatewayd"]),
        .executable(name: "spd-gateway", targets: ["spd-gateway"]),
        .executable(name: "spd-sim", targets: ["spd-sim"]),
        .library(name: "GatewayCodes", targets: ["GatewayCodes"]),
        .library(name: "GatewayCore", targets: ["GatewayCore"]),
        .library(name: "GatewayDevices", targets: ["GatewayDevices"]),
        .library(name: "GatewayStore", targets: ["GatewayStore"]),
        .library(name: "GatewayForwarding", targets: ["GatewayForwarding"]),
        .library(name: "GatewayTesting", targets: ["GatewayTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // MARK: System libraries and C shims (the FFI line)
        .systemLibrary(name: "CModbus", pkgConfig: "libmodbus", providers: [.apt(["libmodbus-dev"])]),
        .systemLibrary(name: "CUdev", pkgConfig: "libudev", providers: [.apt(["libudev-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "CGatewayLinux"),

        // MARK: Pure core
        .target(name: "GatewayCodes", swiftSettings: strictSettings),
        .target(name: "GatewayCore", dependencies: ["GatewayCodes"], swiftSettings: strictSettings),

        // MARK: I/O edges
        .target(
            name: "GatewayDevices",
            dependencies: ["GatewayCore", "CGatewayLinux", "CModbus", "CUdev"],
            swiftSettings: strictSettings
        ),

        .target(name: "GatewayStore", dependencies: ["GatewayCore", "CSQLite"], swiftSettings: strictSettings),
        .target(
            name: "GatewayForwarding",
            dependencies: [
                "GatewayCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(name: "GatewayTesting", dependencies: ["GatewayCore"], swiftSettings: strictSettings),

        // MARK: Executables
        .executableTarget(
            name: "spd-gatewayd",
            dependencies: [
                "GatewayCodes", "GatewayCore", "GatewayDevices", "GatewayForwarding", "GatewayStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "spd-gateway",
            dependencies: [
                "GatewayCodes", "GatewayCore", "GatewayDevices", "GatewayStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        .executableTarget(
            name: "spd-sim",
            dependencies: [
                "GatewayCore", "CModbus", "CGatewayLinux",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Simulators/spd-sim",
            swiftSettings: strictSettings
        ),

        // MARK: Tests (Swift Testing)
        .testTarget(name: "GatewayCodesTests", dependencies: ["GatewayCodes"], swiftSettings: strictSettings),
        .testTarget(
            name: "GatewayCoreTests", dependencies: ["GatewayCodes", "GatewayCore", "GatewayTesting"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "GatewayStoreTests", dependencies: ["GatewayStore", "GatewayTesting"], swiftSettings: strictSettings),
        .testTarget(
            name: "GatewayDevicesTests", dependencies: ["GatewayDevices", "GatewayTesting", "CGatewayLinux"],
            swiftSettings: strictSettings),
        .testTarget(name: "PackagingTests", swiftSettings: strictSettings),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "GatewayCore", "GatewayDevices", "GatewayForwarding", "GatewayTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

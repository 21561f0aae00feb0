// swift-tools-version:6.2
// Benchmarks for GatewayCodes, kept out of the main package so CI's build never compiles them.
// Run with ./run-codes-bench.sh (release build, one core, side by side with Python's biip).
import Foundation
import PackageDescription

// The root package is a path dependency; its identity is its directory name (the checkout's name may vary).
// CODES_BENCH_ROOT may point at another package that vends the GatewayCodes library (development only).
let rootPath = Context.environment["CODES_BENCH_ROOT"] ?? ".."
let rootIdentity = URL(fileURLWithPath: rootPath, relativeTo: URL(fileURLWithPath: Context.packageDirectory))
    .standardizedFileURL.lastPathComponent.lowercased()

let package = Package(
    name: "codes-bench",
    dependencies: [
        .package(path: rootPath),
    ],
    targets: [
        // Counts heap allocations by interposing malloc & co. (see Sources/CMallocCounter/MallocCounter.c).
        .target(name: "CMallocCounter"),
        .executableTarget(
            name: "codes-bench",
            dependencies: [
                .product(name: "GatewayCodes", package: rootIdentity),
                "CMallocCounter",
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// forwarding-bench: outbox -> forwarder -> spd-sim backend, events/s and accept->ack latency
// (./run-forwarding-bench.sh). It needs the whole root package, so it is declared only when the root has the
// forwarding module (a CODES_BENCH_ROOT stand-in may vend only GatewayCodes). Versions as in the root Package.swift.
let rootDirectory = URL(fileURLWithPath: rootPath, relativeTo: URL(fileURLWithPath: Context.packageDirectory))
if FileManager.default.fileExists(atPath: rootDirectory.appendingPathComponent("Sources/GatewayForwarding").path) {
    package.dependencies += [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ]
    package.targets.append(
        .executableTarget(
            name: "forwarding-bench",
            dependencies: [
                .product(name: "GatewayCore", package: rootIdentity),
                .product(name: "GatewayStore", package: rootIdentity),
                .product(name: "GatewayForwarding", package: rootIdentity),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ))
    // scanner-bench: terminator arriving from `spd-sim scanner` -> event committed (fsync) in the outbox.
    package.targets.append(
        .executableTarget(
            name: "scanner-bench",
            dependencies: [
                .product(name: "GatewayCore", package: rootIdentity),
                .product(name: "GatewayCodes", package: rootIdentity),
                .product(name: "GatewayDevices", package: rootIdentity),
                .product(name: "GatewayStore", package: rootIdentity),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ))
}

// cabinet-bench: poll cycles/s of a 32-channel + 16-door cabinet against `spd-sim cabinet` over Modbus TCP and
// RTU-over-pty, the gateway's CPU per cycle and the RS-485 bus-time budget (./run-cabinet-bench.sh).
if FileManager.default.fileExists(atPath: rootDirectory.appendingPathComponent("Sources/GatewayDevices/Modbus").path) {
    package.targets.append(
        .executableTarget(
            name: "cabinet-bench",
            dependencies: [
                .product(name: "GatewayCore", package: rootIdentity),
                .product(name: "GatewayDevices", package: rootIdentity),
                .product(name: "GatewayStore", package: rootIdentity),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ))
}

// cache-bench: the catalogue cache with 5 million products (./run-cache-bench.sh). Needs the root's GatewayStore.
if FileManager.default.fileExists(atPath: rootDirectory.appendingPathComponent("Sources/GatewayStore/Cache").path) {
    package.targets.append(
        .executableTarget(
            name: "cache-bench",
            dependencies: [
                .product(name: "GatewayCodes", package: rootIdentity),
                .product(name: "GatewayCore", package: rootIdentity),
                .product(name: "GatewayStore", package: rootIdentity),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ))
}

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

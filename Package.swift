// swift-tools-version: 6.1
// tmemctl: compressed memory (zram, zswap, tmem) control and verification for Linux.
import PackageDescription

let package = Package(
    name: "tmemctl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tmemctl", targets: ["tmemctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", exact: "1.8.1"),
    ],
    targets: [
        // C: ops-table mirrors, compression pipeline, libkmod/libudev helpers.
        .target(
            name: "CShim",
            path: "CShim",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [
                .linkedLibrary("lzo2"),
                .linkedLibrary("lz4"),
                .linkedLibrary("z"),
                .linkedLibrary("kmod"),
                .linkedLibrary("udev"),
            ]
        ),
        // Pure algorithms, no I/O.
        .target(name: "TmemCore", dependencies: ["CShim"]),
        // The kernel as it is: sysfs/procfs under an injectable root.
        .target(
            name: "TmemHost",
            dependencies: ["TmemCore", "CShim", .product(name: "SystemPackage", package: "swift-system")]
        ),
        // Policies and plans.
        .target(name: "TmemControl", dependencies: ["TmemCore", "TmemHost"]),
        // Commands, option groups, output.
        .target(
            name: "TmemCLI",
            dependencies: [
                "TmemCore", "TmemHost", "TmemControl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "tmemctl", dependencies: ["TmemCLI"]),

        // Shared test helpers: fake roots, live-kernel fixtures and the live-test lock.
        .target(
            name: "TmemTestSupport",
            dependencies: ["TmemCore", "TmemHost", "TmemControl", "CShim", .product(name: "SystemPackage", package: "swift-system")]
        ),
        // C test harness for the tmem ops tables (toy backends behind every era's registration); tests only.
        .target(name: "CShimHarness", dependencies: ["CShim"], path: "Tests/CShimHarness"),
        .testTarget(name: "CShimTests", dependencies: ["CShim", "CShimHarness"]),
        // A C program that drives the tmem backend through the ops tables, as the kernel did; tests only.
        .target(name: "TmemCDriver", dependencies: ["CShim"], path: "Tests/TmemCDriver"),
        .testTarget(name: "TmemCoreTests", dependencies: ["TmemCore", "CShim", "TmemTestSupport", "TmemCDriver"]),
        .testTarget(name: "TmemHostTests", dependencies: ["TmemHost", "TmemTestSupport"]),
        .testTarget(name: "TmemControlTests", dependencies: ["TmemControl", "TmemTestSupport"]),
        .testTarget(name: "TmemCLITests", dependencies: ["TmemCLI", "TmemTestSupport"]),
        // Module loading in a QEMU guest running Debian's kernel (scripts/qemu-module-test).
        .testTarget(name: "GuestKernelTests", dependencies: ["TmemTestSupport"]),
        // Every test that touches the running kernel lives here, under one serialized suite.
        .testTarget(
            name: "LiveKernelTests",
            dependencies: ["TmemCore", "TmemHost", "TmemControl", "TmemCLI", "CShim", "TmemTestSupport"]
        ),
    ]
)

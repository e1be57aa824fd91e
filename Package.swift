// swift-tools-version: 6.1
// tmemctl: compressed memory (zram, zswap, tmem) control and verification for Linux.
import PackageDescription

/// A C library from the distribution: `Sources/SystemLibraries/NAME` holds its module map (`link` names the
/// library) and a header that includes the library's own; pkg-config supplies the flags, and `apt` names the
/// Debian package to install when pkg-config cannot find it. To add one, copy a folder there and add a line below.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(name: name, path: "Sources/SystemLibraries/\(name)", pkgConfig: pkgConfig, providers: [.apt([apt])])
}

let package = Package(
    name: "tmemctl",
    products: [
        .executable(name: "tmemctl", targets: ["tmemctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", exact: "1.8.1"),
    ],
    targets: [
        // Distribution C libraries.
        systemLibrary("CLZO2", pkgConfig: "lzo2", apt: "liblzo2-dev"),
        systemLibrary("CLZ4", pkgConfig: "liblz4", apt: "liblz4-dev"),
        systemLibrary("CZlib", pkgConfig: "zlib", apt: "zlib1g-dev"),
        systemLibrary("CZstd", pkgConfig: "libzstd", apt: "libzstd-dev"),
        // Headers only, no pkg-config (its flags link libkmod): CShimSystem opens libkmod.so.2 at first use, so that
        // libkmod, libcrypto and liblzma are not loaded by every run (libkmod-dev installs the header in /usr/include).
        .systemLibrary(name: "CKmod", path: "Sources/SystemLibraries/CKmod"),
        systemLibrary("CUdev", pkgConfig: "libudev", apt: "libudev-dev"),

        // Pure C: ops-table mirrors and their kernel sides, compressors (ours, libzstd and zlib set up as the kernel
        // does, and the reference codecs), page helpers.
        .target(name: "CShim", dependencies: ["CLZO2", "CLZ4", "CZlib", "CZstd"]),
        // System C: swap, mount, O_DIRECT, gzip files, signal flags, the swap-out child, libkmod, libudev.
        .target(name: "CShimSystem", dependencies: ["CZlib", "CKmod", "CUdev"]),

        // Pure algorithms, no I/O.
        .target(name: "TmemCore", dependencies: ["CShim"]),
        // The tmem workload simulator and the simulated kernel side (page cache, swap) that drives the tmem store
        // through the ops tables: above the models `verify` rests on.
        .target(name: "TmemSimulation", dependencies: ["TmemCore", "CShim"]),
        // The kernel as it is: sysfs/procfs under an injectable root.
        .target(
            name: "TmemHost",
            dependencies: ["TmemCore", "CShimSystem", .product(name: "SystemPackage", package: "swift-system")]
        ),
        // Policies and plans.
        .target(
            name: "TmemControl",
            dependencies: ["TmemCore", "TmemHost", .product(name: "SystemPackage", package: "swift-system")]
        ),
        // Commands, option groups, output.
        .target(
            name: "TmemCLI",
            dependencies: [
                "TmemCore", "TmemSimulation", "TmemHost", "TmemControl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "tmemctl", dependencies: ["TmemCLI"]),

        // Shared test helpers: fake roots, live-kernel fixtures and the live-test lock.
        .target(
            name: "TmemTestSupport",
            dependencies: ["TmemHost", "TmemControl", .product(name: "SystemPackage", package: "swift-system")]
        ),
        // C test harness for the tmem ops tables (toy backends behind every era's registration) and the signal
        // flags; tests only.
        .target(name: "CShimHarness", dependencies: ["CShim", "CShimSystem"], path: "Tests/CShimHarness"),
        .testTarget(name: "CShimTests", dependencies: ["CShim", "CShimHarness"]),
        // A C program that drives the tmem backend through the ops tables, as the kernel did; tests only.
        .target(name: "TmemCDriver", dependencies: ["CShim"], path: "Tests/TmemCDriver"),
        .testTarget(name: "TmemCoreTests", dependencies: ["TmemCore", "CShim", "TmemTestSupport"]),
        .testTarget(name: "TmemSimulationTests", dependencies: ["TmemCore", "TmemSimulation", "CShim", "TmemCDriver"]),
        .testTarget(
            name: "TmemHostTests",
            dependencies: [
                "TmemCore", "TmemHost", "TmemTestSupport", "CShimSystem", .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(
            name: "TmemControlTests",
            dependencies: [
                "TmemCore", "TmemHost", "TmemControl", "TmemTestSupport",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(
            name: "TmemCLITests",
            dependencies: [
                "TmemCore", "TmemSimulation", "TmemControl", "TmemCLI", "TmemTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Module loading in a QEMU guest running Debian's kernel (scripts/qemu-module-test).
        .testTarget(name: "GuestKernelTests", dependencies: ["TmemTestSupport"]),
        // Every test that touches the running kernel lives here, under one serialized suite.
        .testTarget(
            name: "LiveKernelTests",
            dependencies: [
                "TmemCore", "TmemSimulation", "TmemHost", "TmemControl", "TmemCLI", "CShimSystem", "TmemTestSupport",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
    ]
)

import Testing

// The three kinds of test that need something more than the package: defined once, used by every test target.
// swift-testing 6.3's `swift test --filter/--skip` match test names, not tags; the names carry the same split
// (README "Tests"): live tests hang under `LiveKernelSuite` in LiveKernelTests, guest tests are GuestKernelTests.
extension Tag {
    /// Touches the running kernel (root, zram-control, swap); serialized under the live-test lock.
    @Tag public static var live: Self
    /// Boots a kernel in a QEMU guest (scripts/qemu-guest).
    @Tag public static var guest: Self
    /// Takes more than about ten seconds.
    @Tag public static var slow: Self
}

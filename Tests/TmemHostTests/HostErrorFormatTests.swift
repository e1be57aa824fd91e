import SystemPackage
import Testing
import TmemHost
import TmemTestSupport

/// The one error format: `subject: action path: ERRNO (hint)`. Expected strings are written out by hand from the
/// convention in COORD.md / issue 8, not built from the code.
@Suite struct HostErrorFormatTests {
    @Test func theConventionsExampleIsPrintedExactly() {
        let e = HostError(subject: "zram3", action: "cannot write", path: "/sys/block/zram3/comp_algorithm",
                          errno: .invalidArgument, hint: "not built into this kernel; available: lzo-rle lzo lz4")
        #expect(e.description
            == "zram3: cannot write /sys/block/zram3/comp_algorithm: EINVAL (not built into this kernel; available: lzo-rle lzo lz4)")
    }

    @Test func partsThatAreUnknownAreLeftOut() {
        #expect(HostError(subject: "swap", action: "cannot use label 'x'", path: "", hint: "at most 16 bytes").description
            == "swap: cannot use label 'x' (at most 16 bytes)")
        #expect(HostError(subject: "swaps", action: "malformed line 'a b' in", path: "/proc/swaps").description
            == "swaps: malformed line 'a b' in /proc/swaps")
        #expect(HostError(subject: "zram1", action: "cannot read", path: "/sys/block/zram1/mm_stat", errno: .ioError).description
            == "zram1: cannot read /sys/block/zram1/mm_stat: EIO")
    }

    @Test func permissionErrorsSayRunAsRootUnlessTheCallerKnowsBetter() {
        #expect(HostError(subject: "zswap", action: "cannot write", path: "/sys/module/zswap/parameters/enabled",
                          errno: .permissionDenied).description
            == "zswap: cannot write /sys/module/zswap/parameters/enabled: EACCES (run as root)")
        #expect(HostError(subject: "swap", action: "cannot swapon", path: "/dev/zram1", errno: .notPermitted,
                          hint: "only on the live root").description
            == "swap: cannot swapon /dev/zram1: EPERM (only on the live root)")
    }

    @Test(arguments: [
        (Errno.notPermitted, "EPERM"), (.noSuchFileOrDirectory, "ENOENT"), (.ioError, "EIO"), (.noMemory, "ENOMEM"),
        (.permissionDenied, "EACCES"), (.resourceBusy, "EBUSY"), (.fileExists, "EEXIST"), (.isDirectory, "EISDIR"),
        (.invalidArgument, "EINVAL"), (.argListTooLong, "E2BIG"), (.noSpace, "ENOSPC"), (.readOnlyFileSystem, "EROFS"),
        (.noSuchAddressOrDevice, "ENXIO"), (.operationNotSupportedByDevice, "ENODEV"), (.noFunction, "ENOSYS"),
        (.resourceTemporarilyUnavailable, "EAGAIN"), (.execFormatError, "ENOEXEC"), (.tooManySymbolicLinkLevels, "ELOOP"),
        (.notSupported, "EOPNOTSUPP"), (.notDirectory, "ENOTDIR"), (.badFileDescriptor, "EBADF"), (.interrupted, "EINTR"),
    ])
    func errnoNamesMatchSwiftSystemsCases(_ e: Errno, _ name: String) {
        #expect(ErrnoName.of(e) == name)
    }

    @Test func anErrnoWithoutAKnownNameShowsItsNumber() {
        #expect(ErrnoName.of(Errno(rawValue: 4000)) == "errno 4000")
    }

    @Test func aFailedAttributeWriteNamesTheAbsolutePath() throws {
        let fake = try FakeRoot()
        try fake.directory("sys/block/zram3/comp_algorithm")   // a directory: open(O_WRONLY) fails with EISDIR
        let e = try #require(throws: HostError.self) { try ZramDevice(id: 3, root: fake.root).setAlgorithm("zstd") }
        #expect(e.description.hasPrefix("zram3: cannot write \(fake.directory.path)/sys/block/zram3/comp_algorithm: EISDIR"))
    }

    @Test func noZramControlSaysThereIsNoZram() throws {
        let fake = try FakeRoot()
        let e = try #require(throws: HostError.self) { try ZramControl(root: fake.root).hotAdd() }
        #expect(e.errno == .noSuchFileOrDirectory)
        #expect(e.description.hasPrefix("zram-control: cannot add a device: read \(fake.directory.path)/sys/class/zram-control/hot_add: ENOENT (no zram"))
    }

    @Test func malformedKernelFilesNameTheFile() throws {
        let fake = try FakeRoot()
        try fake.file("proc/swaps", "garbage\n")
        let e = try #require(throws: HostError.self) { try SwapTable.read(root: fake.root) }
        #expect(e.description == "swaps: malformed swaps table in \(fake.directory.path)/proc/swaps (no 'Filename' header)")
    }
}

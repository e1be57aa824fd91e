import Testing
#if canImport(Glibc)
import Glibc
#endif
import SystemPackage
import TmemHost
import TmemTestSupport

@Suite struct SystemRootTests {
    @Test func rootOptionWinsOverEnvironment() {
        #expect(SystemRoot.resolve(option: "/tmp/x", environment: ["TMEMCTL_ROOT": "/tmp/y"]).path == "/tmp/x")
        #expect(SystemRoot.resolve(option: nil, environment: ["TMEMCTL_ROOT": "/tmp/y/"]).path == "/tmp/y")
        #expect(SystemRoot.resolve(option: nil, environment: [:]).isLive)
    }

    /// Other spellings of `/` are the live system, so the live-only guards (never zram0, root only, swap path
    /// preflight) apply to them as well.
    @Test func spellingsOfSlashAreLive() throws {
        let f = try FakeRoot()
        let link = f.directory.appendingPathComponent("slash").path
        #expect(symlink("/", link) == 0)
        for p in ["/", "/.", "//", "/tmp/..", "/./", link, link + "/"] {
            #expect(SystemRoot(p).isLive, "\(p)")
            #expect(SystemRoot(p).path == "/", "\(p)")
        }
        #expect(!f.root.isLive)
        #expect(!SystemRoot(f.directory.path + "/.").isLive)
        #expect(!SystemRoot("/nonexistent-tmemctl-root").isLive)
    }

    @Test func readsAndWritesUnderTheRoot() throws {
        let fake = try FakeRoot()
        try fake.file("sys/block/zram1/disksize", "0\n")
        let dev = try #require(ZramDevice(name: "/dev/zram1", root: fake.root))
        #expect(try dev.read("disksize") == "0\n")
        try dev.write("disksize", "1048576")
        #expect(try fake.contents("sys/block/zram1/disksize") == "1048576")
    }

    @Test func missingAttributeErrorNamesDeviceAttributeAndErrno() throws {
        let fake = try FakeRoot()
        try fake.directory("sys/block/zram2")
        let dev = ZramDevice(id: 2, root: fake.root)
        let error = try #require(throws: HostError.self) { try dev.read("mm_stat") }
        #expect(error.errno == .noSuchFileOrDirectory)
        #expect(error.description == "zram2: cannot read \(fake.directory.path)/sys/block/zram2/mm_stat: ENOENT")
        #expect(error.path.hasSuffix("/sys/block/zram2/mm_stat"))
    }

    @Test(arguments: ["../zram0", "zram", "zram1x", "sda", "zram-1", ""])
    func rejectsNamesThatAreNotZramDevices(_ name: String) {
        #expect(ZramDevice(name: name, root: SystemRoot()) == nil)
    }
}

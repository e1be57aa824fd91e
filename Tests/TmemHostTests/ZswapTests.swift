import Foundation
import Testing
import SystemPackage
import TmemHost
import TmemTestSupport

@Suite struct ZswapTests {
    func fake618() throws -> FakeRoot {
        let f = try FakeRoot()
        let d = "sys/module/zswap/parameters/"
        try f.file(d + "enabled", "N\n")
        try f.file(d + "compressor", "lzo\n")
        try f.file(d + "max_pool_percent", "20\n")
        try f.file(d + "accept_threshold_percent", "90\n")
        try f.file(d + "shrinker_enabled", "N\n")
        return f
    }

    @Test func onlyPresentParametersAreReported() throws {
        let f = try fake618()
        let z = Zswap(root: f.root)
        #expect(z.presentParameters == [.enabled, .compressor, .maxPoolPercent, .acceptThresholdPercent, .shrinkerEnabled])
        #expect(try z.value(.zpool) == nil)
        #expect(try z.parameters()[.maxPoolPercent] == "20")
    }

    @Test func olderKernelsZpoolAndSameFilledFlags() throws {
        let f = try FakeRoot()
        let d = "sys/module/zswap/parameters/"
        for (k, v) in ["enabled": "Y", "compressor": "lzo", "zpool": "zbud", "max_pool_percent": "20",
                       "accept_threshold_percent": "90", "same_filled_pages_enabled": "Y",
                       "non_same_filled_pages_enabled": "Y"] { try f.file(d + k, v + "\n") }
        let p = try Zswap(root: f.root).parameters()
        #expect(p[.zpool] == "zbud" && p[.sameFilledPagesEnabled] == "Y" && p[.nonSameFilledPagesEnabled] == "Y")
        #expect(p[.shrinkerEnabled] == nil)
    }

    @Test func setNormalizesAndReadsBack() throws {
        let f = try fake618()
        let z = Zswap(root: f.root)
        try z.set(.enabled, to: "on")
        #expect(try f.contents("sys/module/zswap/parameters/enabled") == "Y")
        try z.set(.maxPoolPercent, to: "025")
        #expect(try z.value(.maxPoolPercent) == "25")
    }

    @Test func badValuesAndAbsentParametersAreRefusedWithoutWriting() throws {
        let f = try fake618()
        let z = Zswap(root: f.root)
        #expect(throws: HostError.self) { try z.set(.enabled, to: "maybe") }
        #expect(throws: HostError.self) { try z.set(.maxPoolPercent, to: "-1") }
        let e = try #require(throws: HostError.self) { try z.set(.zpool, to: "zbud") }
        #expect(e.hint == "this kernel has no zswap parameter zpool")
        #expect(try f.contents("sys/module/zswap/parameters/enabled") == "N\n")
    }

    @Test func aKernelThatReportsAnotherValueIsAnError() throws {
        let f = try fake618()
        // /dev/null swallows the write and reads back empty, as a kernel that ignored it would look. The link
        // resolves inside the fake root, so the tree gets its own null device.
        guard getuid() == 0 else { print("skipped: mknod of the tree's /dev/null needs root"); return }
        try f.directory("dev")
        #expect(mknod(f.directory.appendingPathComponent("dev/null").path, S_IFCHR | 0o666, 0x103) == 0)
        try f.file("sys/module/zswap/parameters/x", "")
        let dir = f.directory.appendingPathComponent("sys/module/zswap/parameters")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("compressor"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("compressor").path, withDestinationPath: "/dev/null")
        let e = try #require(throws: HostError.self) { try Zswap(root: f.root).set(.compressor, to: "lz4") }
        #expect(e.description == "zswap: wrote lz4 but read back '' from \(f.directory.path)/sys/module/zswap/parameters/compressor")
    }

    @Test func debugfsStatsOnlyWhenMounted() throws {
        let f = try fake618()
        #expect(try ZswapDebugStats.read(root: f.root) == nil)
        try f.file("sys/kernel/debug/zswap/stored_pages", "45415\n")
        try f.file("sys/kernel/debug/zswap/pool_total_size", "79298560\n")
        let s = try #require(try ZswapDebugStats.read(root: f.root))
        #expect(s.storedPages == 45415 && s.poolTotalSize == 79298560)
        try f.file("sys/kernel/debug/zswap/pool_limit_hit", "lots\n")
        #expect(throws: HostError.self) { try ZswapDebugStats.read(root: f.root) }
    }
}

import Foundation
import Testing
import TmemTestSupport

/// `tmemctl bench tmem` (and `bench model`) creates its device like every other live run (ScratchZram + CleanupStack): a device it
/// cannot remove is named and fails the command. Fake host; a directory at hot_remove makes removal fail.
@Suite struct BenchTmemCleanupTests {
    func host(removable: Bool) throws -> FakeRoot {
        let f = try FakeHost.make(devices: [0, 1], hotAdd: 1)
        if !removable { try FakeHost.breakAttribute(f, "sys/class/zram-control/hot_remove") }
        return f
    }

    @Test func aRemovedDeviceIsASuccess() throws {
        let f = try host(removable: true)
        let r = try TmemctlRunner.run(["bench", "tmem", "--root", f.directory.path, "--pages", "256", "--rounds", "1", "--algorithm", "lzo"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("sys/class/zram-control/hot_remove") == "1")
    }

    @Test func aDeviceLeftBehindFailsTheBench() throws {
        let f = try host(removable: false)
        let r = try TmemctlRunner.run(["bench", "tmem", "--root", f.directory.path, "--pages", "256", "--rounds", "1", "--algorithm", "lzo"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("cleanup FAILED"))
        #expect(r.stderr.contains("remove zram1"))
    }

    @Test func benchModelAlsoFailsOnADeviceLeftBehind() throws {
        let f = try host(removable: false)
        let r = try TmemctlRunner.run(["bench", "model", "--root", f.directory.path, "--size", "1M", "--rounds", "1", "--algorithm", "lzo"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("cleanup FAILED"))
        #expect(r.stderr.contains("remove zram1"))
    }
}

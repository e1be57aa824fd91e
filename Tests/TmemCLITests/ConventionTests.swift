import Foundation
import Testing
import TmemTestSupport

/// Issue 10 item 21, the rest of "behave like util-linux": unknown options come first, no Foundation wording,
/// no modprobe hint where modules cannot load, and every change says old -> new. (Refused states exit 1:
/// ZramCommandTests.refusedStatesChangeNothingAndExit1 and ZramHoldersTests.swapAndMountRefusalsExit1.)
@Suite struct ConventionTests {
    /// Each of these has a bad value or a failing check besides the misspelt option; the option is named first.
    static let misspelt: [[String]] = [
        ["zram", "add", "--size", "1G", "--priority", "5", "--frob"],      // validate() would say "add --swap"
        ["zram", "add", "--size", "lots", "--frob"],                       // the size transform would fail
        ["zram", "set", "zram1", "--frob"],                                // "nothing to change"
        ["zswap", "set", "--max-pool-percent", "300", "--frob"],
        ["status", "-o", "FOO", "--frob"],
        ["zram", "reset", "--frob"],                                       // "name at least one device"
    ]

    @Test(arguments: 0..<misspelt.count)
    func anUnknownOptionIsReportedFirst(_ i: Int) throws {
        let f = try FakeHost.make(devices: [0, 1])
        let r = try TmemctlRunner.run(Self.misspelt[i] + ["--root", f.directory.path])
        #expect(r.status == 64, "\(Self.misspelt[i]): \(r.stderr)")
        #expect(r.stderr.hasPrefix("Error: Unknown option '--frob'\nUsage: tmemctl "), "\(Self.misspelt[i]): \(r.stderr)")
    }

    /// Values that look like options (a negative priority, -1G) are values, not unknown options.
    @Test func optionValuesAreNotOptions() throws {
        let f = try FakeHost.make(devices: [0])
        let r = try TmemctlRunner.run(["zram", "add", "--size", "-1G", "--root", f.directory.path])
        #expect(r.status == 64 && !r.stderr.contains("Unknown option"), "\(r.stderr)")
        let p = try TmemctlRunner.run(["zram", "add", "--size", "1G", "--swap", "--priority", "-1", "--dry-run", "--root", f.directory.path])
        #expect(p.status == 0, "\(p.stderr)")
    }

    @Test func aMissingSettingsFileIsNamedWithItsErrno() throws {
        let f = try FakeHost.make(devices: [0])
        let missing = f.directory.appendingPathComponent("nope/zswap.json").path
        let r = try TmemctlRunner.run(["zswap", "restore", missing, "--root", f.directory.path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr == "tmemctl: zswap: cannot read \(missing): ENOENT (give a file written by `tmemctl zswap set --save`)\n", "\(r.stderr)")
    }

    /// FakeHost's kernel has no /proc/modules (no CONFIG_MODULES): modprobe cannot help there.
    @Test func noModprobeHintWithoutModuleSupport() throws {
        let f = try FakeHost.make(devices: [0])
        let args = ["zswap", "set", "--compressor", "zstd", "--root", f.directory.path]
        let bare = try TmemctlRunner.run(args)
        #expect(bare.status == 64, "\(bare.stderr)")
        #expect(!bare.stderr.contains("modprobe") && bare.stderr.contains("zstd has to be built in"), "\(bare.stderr)")
        try f.file("proc/modules", "zram 45056 0 - Live 0x0000000000000000\n")
        let modular = try TmemctlRunner.run(args)
        #expect(modular.stderr.contains("(modprobe zstd)"), "\(modular.stderr)")
    }

    @Test func noModprobeHintForAScratchDeviceWithoutModuleSupport() throws {
        let f = try FakeHost.make(devices: [])
        try FileManager.default.removeItem(at: f.directory.appendingPathComponent("sys/class/zram-control"))
        let r = try TmemctlRunner.run(["verify", "--path", "block", "--root", f.directory.path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("hot_add") && !r.stderr.contains("modprobe"), "\(r.stderr)")
    }

    /// Worked by hand: 64M = 67108864 bytes (a whole number of pages); FakeHost's mm_stat has mem_limit 0 and
    /// zswap's max_pool_percent is 20.
    @Test func everyChangePrintsOldAndNew() throws {
        let f = try FakeHost.make(devices: [0, 1])
        let set = try TmemctlRunner.run(["zram", "set", "zram1", "--mem-limit", "64M", "--root", f.directory.path])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "zram1 mem_limit: 0 -> 67108864\n")
        let odd = try TmemctlRunner.run(["zram", "set", "zram1", "--mem-limit", "5000", "--root", f.directory.path])
        #expect(odd.stdout == "zram1 mem_limit: 0 -> 8192\n", "mem_limit keeps whole pages, rounded up")
        let saved = f.directory.appendingPathComponent("zswap.before").path
        let zs = try TmemctlRunner.run(["zswap", "set", "--max-pool-percent", "25", "--save", saved, "--root", f.directory.path])
        #expect(zs.status == 0, "\(zs.stderr)")
        #expect(zs.stdout == "zswap max_pool_percent: 20 -> 25\n")
        let again = try TmemctlRunner.run(["zswap", "set", "--max-pool-percent", "25", "--root", f.directory.path])
        #expect(again.status == 0 && again.stdout == "zswap: nothing changed, it already has these values\n", "\(again.stdout)")
        let restore = try TmemctlRunner.run(["zswap", "restore", saved, "--root", f.directory.path])
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(restore.stdout == "zswap max_pool_percent: 25 -> 20\n")
        let twice = try TmemctlRunner.run(["zswap", "restore", saved, "--root", f.directory.path])
        #expect(twice.stdout == "zswap: nothing changed, it already matches \(saved)\n", "\(twice.stdout)")
    }
}

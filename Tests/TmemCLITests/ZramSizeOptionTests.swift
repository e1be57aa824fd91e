import Foundation
import Testing
import TmemTestSupport

/// Issue 10 items 17 and 19 through the CLI on a fake host (FakeHost's MemTotal is `FakeHost.memTotalKiB`):
/// sizes as zramctl reads them, one bound in `add` and `set`, and `add`'s defaults.
@Suite struct ZramSizeOptionTests {
    func host() throws -> FakeRoot {
        let f = try FakeHost.make(devices: [0, 1], hotAdd: 2)
        try FakeHost.device(f, 2)
        try f.file("sys/block/zram1/initstate", "1\n")
        return f
    }

    func dryRun(_ args: [String], _ f: FakeRoot) throws -> TmemctlRunner.Result {
        try TmemctlRunner.run(["zram", "add"] + args + ["--dry-run", "--root", f.directory.path])
    }

    /// `4GB` is 4 × 10^9 bytes, `4G` and `4GiB` 4 × 2^30 (today `4GB` silently meant 4 GiB).
    @Test func decimalAndBinarySuffixesReachTheKernelAsZramctlWouldWriteThem() throws {
        let f = try host()
        for (size, bytes) in [("4GB", "4000000000"), ("4G", "4294967296"), ("4GiB", "4294967296"), ("1.5MB", "1500000")] {
            let r = try dryRun(["--size", size], f)
            #expect(r.status == 0, "\(size): \(r.stderr)")
            #expect(r.stdout.contains("write disksize = \(bytes)\n"), "\(size): \(r.stdout)")
        }
        let set = try TmemctlRunner.run(["zram", "set", "zram1", "--mem-limit", "2MB", "--dry-run", "--root", f.directory.path])
        #expect(set.stdout == "write zram1/mem_limit = 2000000\n", "\(set.stderr)")
    }

    /// A negative size is named as such (ArgumentParser used to take `-1G` for an option: "Missing value").
    @Test(arguments: [["zram", "add", "--size", "-1G"], ["zram", "add", "--size", "1G", "--mem-limit", "-5M"],
                      ["zram", "set", "zram1", "--mem-limit", "-1"], ["zram", "add", "--size", "-10%"]])
    func negativeSizesMustNotBeNegative(_ args: [String]) throws {
        let f = try host()
        let r = try TmemctlRunner.run(args + ["--root", f.directory.path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("must not be negative"), "\(r.stderr)")
        #expect(!r.stderr.contains("Missing value"))
    }

    @Test(arguments: ["1e1%", "0x10%", "0x10", "1e9", "512B"])
    func formsStrtosizeRefusesAreRefused(_ size: String) throws {
        let f = try host()
        let r = try dryRun(["--size", size], f)
        #expect(r.status == 64, "\(size): \(r.stdout)")
        #expect(r.stderr.contains("invalid size '\(size)'"), "\(r.stderr)")
    }

    /// One bound for add and set: a mem_limit add refuses, set refuses with the same message (set took any
    /// size up to 1 EiB).
    @Test func addAndSetShareTheSizeBound() throws {
        let f = try host()
        let tooBig = "\(FakeHost.memTotalKiB * 1024 * 16 + 1)"
        let message = "mem_limit \(tooBig) bytes is more than 16 times this machine's RAM (\(FakeHost.memTotalKiB * 1024) bytes); choose a smaller --mem-limit such as 50%\n"
        let add = try dryRun(["--size", "1G", "--mem-limit", tooBig], f)
        let set = try TmemctlRunner.run(["zram", "set", "zram1", "--mem-limit", tooBig, "--dry-run", "--root", f.directory.path])
        #expect(add.status == 64 && set.status == 64)
        #expect(add.stderr == "tmemctl: " + message)
        #expect(set.stderr == "tmemctl: " + message)
        let atBound = "\(FakeHost.memTotalKiB * 1024 * 16)"
        #expect(try TmemctlRunner.run(["zram", "set", "zram1", "--mem-limit", atBound, "--dry-run", "--root", f.directory.path]).status == 0)
    }

    /// The help states the deviation from strtosize.
    @Test func helpSaysNumbersAreDecimalOnly() throws {
        for cmd in [["zram", "add"], ["zram", "set"]] {
            let r = try TmemctlRunner.run(cmd + ["--help"])
            let text = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("KB, MB, GB, TB decimal"), "\(cmd)")
            #expect(text.contains("no 0x or leading-0 octal"), "\(cmd)")
        }
    }

    /// Item 19: swap without --priority gets 100, as zram-generator and zramswap give it.
    @Test func swapDefaultsToPriority100() throws {
        let f = try host()
        let r = try dryRun(["--size", "1G", "--swap"], f)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("write a v1 swap signature\nswapon with priority 100\n"), "\(r.stdout)")
        let explicit = try dryRun(["--size", "1G", "--swap", "--priority", "-1"], f)
        #expect(explicit.stdout.hasSuffix("swapon (kernel-chosen priority)\n"))
    }

    /// Item 19: a bare `zram add` is a usage error; `--uninitialized` asks for the device without a size.
    @Test func bareAddIsAUsageErrorAndUninitializedIsExplicit() throws {
        let f = try host()
        let bare = try TmemctlRunner.run(["zram", "add", "--root", f.directory.path])
        #expect(bare.status == 64)
        #expect(bare.stderr.contains("give --size"), "\(bare.stderr)")
        #expect(bare.stderr.contains("--uninitialized"))
        let both = try TmemctlRunner.run(["zram", "add", "--uninitialized", "--size", "1G", "--root", f.directory.path])
        #expect(both.status == 64)
        let un = try TmemctlRunner.run(["zram", "add", "--uninitialized", "--algorithm", "lz4", "--root", f.directory.path])
        #expect(un.status == 0, "\(un.stderr)")
        #expect(un.stdout == "zram2\n")
        #expect(try f.contents("sys/block/zram2/comp_algorithm") == "lz4")
    }
}

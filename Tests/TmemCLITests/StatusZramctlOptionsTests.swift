import Foundation
import Testing
import TmemTestSupport

/// Issue 10 item 18: `tmemctl status` takes zramctl's table options with zramctl's meanings (util-linux
/// zramctl(8): -o LIST, --output-all, -n/--noheadings, --raw, -b/--bytes), prints only the table when they ask
/// for it, and prints STREAMS and MIGRATED as zramctl does. The live differential test against the zramctl
/// binary is `LiveKernelSuite.StatusZramctlLive`.
@Suite struct StatusZramctlOptionsTests {
    func host() throws -> FakeRoot {
        let f = try FakeHost.make(devices: [0, 2])
        try f.file("sys/block/zram2/disksize", "1073741824\n")
        try f.file("sys/block/zram2/initstate", "1\n")
        try f.file("sys/block/zram2/comp_algorithm", "lzo-rle lzo [lz4] \n")
        try f.file("sys/block/zram2/mm_stat", "  8388608  2097152  2359296 16777216  2621440       10        3       20       25\n")
        return f
    }

    func status(_ args: [String], _ f: FakeRoot) throws -> TmemctlRunner.Result {
        try TmemctlRunner.run(["status", "--root", f.directory.path] + args)
    }

    /// zramctl prints its table and nothing else; so do -o, --output-all, -n and --raw. --all adds the sections back.
    @Test(arguments: [["-o", "NAME,DATA"], ["--output-all"], ["-n"], ["--noheadings"], ["--raw"], ["-b", "--raw"], ["zram2"]])
    func tableOptionsPrintOnlyTheTable(_ args: [String]) throws {
        let f = try host()
        let alone = try status(args, f)
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(!alone.stdout.contains("zswap:") && !alone.stdout.contains("swap:"), "\(args): \(alone.stdout)")
        #expect(alone.stdout.contains("/dev/zram2"))
        let all = try status(args + ["--all"], f)
        #expect(all.stdout.hasPrefix(alone.stdout), "\(args)")
        #expect(all.stdout.contains("\nzswap: ") && all.stdout.contains("\nswap: none active"), "\(args): \(all.stdout)")
    }

    @Test func theDefaultViewKeepsTheSections() throws {
        let r = try status([], try host())
        #expect(r.stdout.contains("\nzswap: ") && r.stdout.contains("\nswap: none active"))
    }

    /// --output-all: zramctl's twelve columns in zramctl's order (as `zramctl --output-all` prints them), then
    /// tmemctl's own five.
    @Test func outputAllIsZramctlsColumnsThenOurs() throws {
        let r = try status(["--output-all", "zram2"], try host())
        let header = r.stdout.split(separator: "\n").first?.split(separator: " ").map(String.init)
        #expect(header == ["NAME", "DISKSIZE", "DATA", "COMPR", "ALGORITHM", "STREAMS", "ZERO-PAGES", "TOTAL", "MEM-LIMIT",
                           "MEM-USED", "MIGRATED", "MOUNTPOINT", "COMP-RATIO", "HUGE", "HUGE-SINCE", "SWAP-PRIORITY", "SWAP"])
    }

    @Test func shortOptionsAreZramctls() throws {
        let f = try host()
        let r = try status(["zram2", "-o", "NAME,DISKSIZE", "-b", "-n", "--raw"], f)
        #expect(r.stdout == "/dev/zram2 1073741824\n", "\(r.stderr)")
        let long = try status(["zram2", "--output", "NAME,DISKSIZE", "--bytes", "--noheadings", "--raw"], f)
        #expect(long.stdout == r.stdout)
    }

    /// zramctl(8): "-o +LIST" appends LIST to the default columns. The defaults are zramctl's eight (NAME
    /// ALGORITHM DISKSIZE DATA COMPR TOTAL STREAMS MOUNTPOINT) and tmemctl's SWAP, written out here by hand.
    @Test func aPlusListAppendsToTheDefaultColumns() throws {
        let f = try host()
        let r = try status(["-o", "+HUGE,mem-limit", "zram2"], f)
        #expect(r.status == 0, "\(r.stderr)")
        let header = r.stdout.split(separator: "\n").first?.split(separator: " ").map(String.init)
        #expect(header == ["NAME", "ALGORITHM", "DISKSIZE", "DATA", "COMPR", "TOTAL", "STREAMS", "MOUNTPOINT", "SWAP",
                           "HUGE", "MEM-LIMIT"], "\(r.stdout)")
        // mm_stat's huge_pages is 20 and mem_limit 16 MiB: the appended cells are the last two fields.
        let raw = try status(["-o", "+HUGE,MEM-LIMIT", "zram2", "-n", "--raw", "-b"], f)
        #expect(raw.stdout.split(separator: " ").suffix(2).joined(separator: " ") == "20 16777216\n", "\(raw.stdout)")
    }

    @Test(arguments: ["NAME,NAME", "name,DATA,Name", "+NAME", "+DATA,HUGE,DATA"])
    func aColumnNamedTwiceIsAUsageError(_ list: String) throws {
        let r = try status(["-o", list], try host())
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("is named twice"), "\(r.stderr)")
    }

    @Test func outputAndOutputAllTogetherAreAUsageError() throws {
        let r = try status(["-o", "NAME", "--output-all"], try host())
        #expect(r.status == 64 && r.stderr.contains("-o and --output-all"))
    }

    /// STREAMS is max_comp_streams where the kernel has it (up to 6.1's era) and empty where it does not (6.18),
    /// as zramctl reads it; MIGRATED is pages_compacted (3 here) with zramctl's size suffix, bare with --bytes.
    @Test func streamsAndMigratedAsZramctlPrintsThem() throws {
        let f = try host()
        #expect(try status(["zram2", "-o", "NAME,STREAMS,MIGRATED", "-n", "--raw"], f).stdout == "/dev/zram2  3B\n")
        #expect(try status(["zram2", "-o", "NAME,STREAMS,MIGRATED", "-n", "--raw", "-b"], f).stdout == "/dev/zram2  3\n")
        try f.file("sys/block/zram2/max_comp_streams", "4\n")
        #expect(try status(["zram2", "-o", "NAME,STREAMS,MIGRATED", "-n", "--raw"], f).stdout == "/dev/zram2 4 3B\n")
    }
}

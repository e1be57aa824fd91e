import Foundation
import Testing
import TmemTestSupport

/// `tmemctl zram ...` on fake roots: bad input exits 64 and leaves every file as it was.
@Suite struct ZramCommandTests {
    static let refused: [[String]] = [
        ["zram", "add", "--size", "0"],
        ["zram", "add", "--size", "2E"],
        ["zram", "add", "--size", "lots"],
        ["zram", "add", "--size", "1G", "--algorithm", "brotli"],
        ["zram", "add", "--size", "1G", "--algorithm", "zstd"],          // a zram backend, but not in this kernel
        ["zram", "add", "--size", "1T", "--mem-limit", "1G"],             // > 16 × RAM of the fake host
        ["zram", "add", "--size", "1G", "--swap", "--priority", "-2"],
        ["zram", "add", "--size", "1G", "--swap", "--priority", "32768"],
        ["zram", "add", "--size", "1G", "--priority", "5"],
        ["zram", "add", "--swap"],
        ["zram", "add"],                                                    // neither --size nor --uninitialized
        ["zram", "add", "--size", "-1G"],
        ["zram", "set", "zram1", "--mem-limit", "1T"],                     // > 16 × RAM, as in add
        ["zram", "add", "--size", "1G", "--algorithm-params", "level"],
        ["zram", "set", "zram1"],
        ["zram", "set", "../zram0", "--compact"],
        ["zram", "reset"],
        ["zram", "reset", "zram1", "../zram0"],
    ]

    /// Well-formed requests the host's state refuses (issue 10 item 21): exit 1, nothing changed.
    static let refusedByState: [[String]] = [
        ["zram", "set", "zram7", "--mem-limit", "1G"],                     // no such device
        ["zram", "set", "zram1", "--compact"],                             // not initialized
        ["zram", "remove", "zram1", "zram9"],
        ["zram", "remove", "zram2"],                                       // swap, no --force
        ["zram", "reset", "zram2", "--force", "zram3"],                    // zram3 mounted
        ["status", "zram9"],
    ]

    @Test(arguments: 0..<refusedByState.count)
    func refusedStatesChangeNothingAndExit1(_ i: Int) throws {
        let f = try host()
        let before = try f.regularFileContents()
        let r = try TmemctlRunner.run(Self.refusedByState[i] + ["--root", f.directory.path])
        #expect(r.status == 1, "\(Self.refusedByState[i]): \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("tmemctl: "), "\(r.stderr)")
        #expect(try f.regularFileContents() == before)
    }

    func host() throws -> FakeRoot {
        let f = try FakeHost.make(devices: [0, 1, 2, 3], hotAdd: 4)
        try FakeHost.device(f, 4)
        try f.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/zram2                              partition\t1048572\t\t0\t\t-2\n")
        try f.file("proc/self/mountinfo", "90 27 253:3 / /mnt/fast rw - ext4 /dev/zram3 rw\n")
        return f
    }

    @Test(.tags(.slow), arguments: 0..<refused.count)
    func badInputChangesNothingAndExits64(_ i: Int) throws {
        let f = try host()
        let before = try f.regularFileContents()
        let r = try TmemctlRunner.run(Self.refused[i] + ["--root", f.directory.path])
        #expect(r.status == 64, "\(Self.refused[i]): \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(!r.stderr.isEmpty)
        #expect(try f.regularFileContents() == before)
    }

    @Test func refusalsSayWhatToDo() throws {
        let f = try host()
        let swap = try TmemctlRunner.run(["zram", "remove", "zram2", "--root", f.directory.path])
        #expect(swap.stderr == "tmemctl: zram2 is active swap (priority -2); pass --force to swapoff and remove it, or swapoff /dev/zram2 first\n")
        let alg = try TmemctlRunner.run(["zram", "add", "--size", "1G", "--algorithm", "zstd", "--root", f.directory.path])
        #expect(alg.stderr == "tmemctl: zram algorithm 'zstd' is not built into this kernel; choose one of: lzo-rle lzo lz4\n")
        let mounted = try TmemctlRunner.run(["zram", "reset", "zram3", "--root", f.directory.path])
        #expect(mounted.stderr == "tmemctl: zram3 is mounted on /mnt/fast; unmount it before you reset it\n")
    }

    @Test func addPrintsTheNewDeviceAndWritesInOrder() throws {
        let f = try host()
        let r = try TmemctlRunner.run(["zram", "add", "--size", "512M", "--algorithm", "lz4", "--mem-limit", "64M", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "zram4\n")
        #expect(try f.contents("sys/block/zram4/comp_algorithm") == "lz4")
        #expect(try f.contents("sys/block/zram4/mem_limit") == "67108864")
        #expect(try f.contents("sys/block/zram4/disksize") == "536870912")
    }

    @Test func percentSizesAreOfMemTotal() throws {
        let f = try host()
        let r = try TmemctlRunner.run(["zram", "add", "--size", "50%", "--root", f.directory.path])
        #expect(r.status == 0)
        #expect(try f.contents("sys/block/zram4/disksize") == "\(FakeHost.memTotalKiB * 1024 / 2)")
    }

    @Test func dryRunPrintsThePlanAndWritesNothing() throws {
        let f = try host()
        let before = try f.regularFileContents()
        let r = try TmemctlRunner.run(["zram", "add", "--size", "1G", "--algorithm", "lz4", "--mem-limit", "256M", "--swap", "--priority", "100", "--dry-run", "--root", f.directory.path])
        #expect(r.status == 0)
        #expect(r.stdout == """
        read /sys/class/zram-control/hot_add (creates the next free zramN)
        write comp_algorithm = lz4
        write mem_limit = 268435456
        write disksize = 1073741824
        write a v1 swap signature
        swapon with priority 100

        """)
        #expect(try f.regularFileContents() == before)
        let rm = try TmemctlRunner.run(["zram", "remove", "--force", "zram2", "--dry-run", "--root", f.directory.path])
        #expect(rm.stdout == "swapoff /dev/zram2\nwrite zram-control/hot_remove = 2\n")
        #expect(try f.regularFileContents() == before)
    }

    @Test func setResetAndRemoveWriteTheirAttributes() throws {
        let f = try host()
        try f.file("sys/block/zram1/initstate", "1\n")
        let root = ["--root", f.directory.path]
        #expect(try TmemctlRunner.run(["zram", "set", "/dev/zram1", "--mem-limit", "1G", "--reset-mem-used-max", "--compact"] + root).status == 0)
        #expect(try f.contents("sys/block/zram1/mem_limit") == "1073741824")
        #expect(try f.contents("sys/block/zram1/mem_used_max") == "0")
        #expect(try f.contents("sys/block/zram1/compact") == "1")
        #expect(try TmemctlRunner.run(["zram", "reset", "zram1"] + root).status == 0)
        #expect(try f.contents("sys/block/zram1/reset") == "1")
        #expect(try TmemctlRunner.run(["zram", "remove", "zram1"] + root).status == 0)
        #expect(try f.contents("sys/class/zram-control/hot_remove") == "1")
    }

    @Test func aFailingKernelWriteExits1AndNamesTheAttribute() throws {
        let f = try host()
        try FakeHost.breakAttribute(f, "sys/block/zram4/disksize")
        let r = try TmemctlRunner.run(["zram", "add", "--size", "1G", "--root", f.directory.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("tmemctl: zram4: cannot write \(f.directory.path)/sys/block/zram4/disksize: EISDIR"))
        #expect(r.stderr.contains("zram4 was rolled back"))
        #expect(try f.contents("sys/class/zram-control/hot_remove") == "4")
    }
}

@Suite struct ZramAddFeatureTests {
    @Test func featuresThisKernelLacksAreRefusedWithTheConfigOption() throws {
        let f = try FakeHost.make(devices: [0], hotAdd: 1)
        let rc = try TmemctlRunner.run(["zram", "add", "--size", "1G", "--recompression-algorithm", "lz4", "--root", f.directory.path])
        #expect(rc.status == 64 && rc.stderr.contains("CONFIG_ZRAM_MULTI_COMP"))
        let bd = try TmemctlRunner.run(["zram", "add", "--size", "1G", "--backing-dev", "/dev/sdb1", "--root", f.directory.path])
        #expect(bd.status == 64 && bd.stderr.contains("CONFIG_ZRAM_WRITEBACK"))
    }

    @Test func onAKernelWithThemTheyAreWrittenBeforeDisksize() throws {
        let f = try FakeHost.make(devices: [0, 1], hotAdd: 1, extraAttributes: ["recomp_algorithm", "backing_dev"])
        let r = try TmemctlRunner.run(["zram", "add", "--size", "1G", "--recompression-algorithm", "lz4", "--recompression-algorithm", "lzo",
                                       "--backing-dev", "/dev/sdb1", "--dry-run", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
        read /sys/class/zram-control/hot_add (creates the next free zramN)
        write recomp_algorithm = algo=lz4 priority=1
        write recomp_algorithm = algo=lzo priority=2
        write backing_dev = /dev/sdb1
        write disksize = 1073741824

        """)
    }

    @Test func aMountedDeviceShowsItsMountpoint() throws {
        let f = try FakeHost.make(devices: [0, 3])
        try f.file("proc/self/mountinfo", "90 27 253:3 / /mnt/fast rw - ext4 /dev/zram3 rw\n")
        let r = try TmemctlRunner.run(["status", "zram3", "-o", "NAME,MOUNTPOINT,SWAP", "--raw", "--noheadings", "--root", f.directory.path])
        #expect(r.stdout == "/dev/zram3 /mnt/fast no\n")
    }
}

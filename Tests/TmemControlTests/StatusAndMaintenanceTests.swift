import Testing
import TmemControl
import TmemHost
import TmemTestSupport

@Suite struct StatusAndMaintenanceTests {
    @Test func statusReadsEveryNumberFromItsFile() throws {
        let f = try FakeHost.make(devices: [0, 2])
        try f.file("sys/block/zram2/disksize", "1073741824\n")
        try f.file("sys/block/zram2/initstate", "1\n")
        try f.file("sys/block/zram2/comp_algorithm", "lzo-rle lzo [lz4] \n")
        try f.file("sys/block/zram2/mm_stat", "  8192000  2048000  2101248 16777216  2101248       10        3       20       25\n")
        try f.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/zram2                              partition\t1048572\t\t8000\t\t100\n")
        try f.file("sys/module/zswap/parameters/enabled", "Y\n")
        let r = try HostStatus.gather(root: f.root)
        #expect(r.zram.map(\.name) == ["zram0", "zram2"])
        let d = r.zram[1]
        #expect(d.disksize == 1 << 30 && d.initstate == 1 && d.compAlgorithm == "lz4")
        #expect(d.mmStat.origDataSize == 8_192_000 && d.mmStat.hugePagesSince == 25 && d.mmStat.memLimit == 16 << 20)
        #expect(d.compRatio == 4.0)
        #expect(d.isSwap && d.swapPriority == 100)
        #expect(d.streams == 2)          // cpu list 0-1, no max_comp_streams
        #expect(r.zram[0].compRatio == nil && !r.zram[0].isSwap)
        // 24,688,024 KiB = 6,172,006 pages; × 20 / 100 = 1,234,401 pages = 5,056,106,496 bytes.
        #expect(r.zswap.poolLimit == 5_056_106_496)
        #expect(r.zswap.poolTotalSize == 2048 * 1024 && r.zswap.zswapped == 6144 * 1024)
        #expect(r.zswap.storedPages == 1536 && r.zswap.compRatio == 3.0)
        #expect(r.zswap.zswpout == 2)
        #expect(r.warnings.count == 1 && r.warnings[0].contains("zswap is enabled in front of zram swap (zram2)"))
    }

    @Test func namesAndExistenceAreCheckedBeforeAnything() throws {
        let f = try FakeHost.make(devices: [0, 1])
        let m = ZramMaintenance(root: f.root)
        #expect(try m.devices(["zram1", "/dev/zram1", "zram0"]).map(\.id) == [1, 0])
        #expect(throws: InvalidRequest.self) { try m.devices(["../zram0"]) }
        // Only the kernel's spelling: these would silently address zram0/zram1 (issue 10 item 15).
        for alias in ["0", "zram01", "/dev/zram00"] {
            #expect(throws: InvalidRequest.self) { try m.devices([alias]) }
        }
        #expect(throws: RefusedState.self) { try m.devices(["zram1", "zram5"]) }
    }

    @Test func swapAndMountedDevicesAreRefused() throws {
        let f = try FakeHost.make(devices: [1, 2])
        try f.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/zram1                              partition\t1048572\t\t0\t\t-2\n")
        try f.file("proc/self/mountinfo", "90 27 253:2 / /mnt/fast rw - ext4 /dev/zram2 rw\n")
        let m = ZramMaintenance(root: f.root)
        let d1 = ZramDevice(id: 1, root: f.root), d2 = ZramDevice(id: 2, root: f.root)
        #expect(try m.refusal(for: d1, forceSwapoff: false, action: "remove")?.message
                == "zram1 is active swap (priority -2); pass --force to swapoff and remove it, or swapoff /dev/zram1 first")
        #expect(try m.refusal(for: d1, forceSwapoff: true, action: "remove") == nil)
        #expect(try m.refusal(for: d2, forceSwapoff: true, action: "reset")?.message == "zram2 is mounted on /mnt/fast; unmount it before you reset it")
    }

    /// Not knowing who holds the device is not "nobody": an unreadable or garbled /proc/swaps stops reset/remove.
    @Test(arguments: ["directory", "garbled"])
    func anUnreadableSwapTableRefusesTheChange(_ how: String) throws {
        let f = try FakeHost.make(devices: [1])
        if how == "directory" {
            try FakeHost.breakAttribute(f, "proc/swaps")
        } else {
            try f.file("proc/swaps", "Filename Type\n/dev/zram1 partition lots none -2\n")
        }
        let m = ZramMaintenance(root: f.root)
        let d1 = ZramDevice(id: 1, root: f.root)
        #expect(throws: HostError.self) { try m.refusal(for: d1, forceSwapoff: false, action: "reset") }
        #expect(throws: HostError.self) { try m.remove(d1, forceSwapoff: true) }
        let r = try TmemctlRunner.run(["zram", "reset", "zram1", "--root", f.directory.path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("swaps"))
        #expect(try f.contents("sys/block/zram1/reset") == "")
        #expect(try f.contents("sys/class/zram-control/hot_remove") == "")
    }
}

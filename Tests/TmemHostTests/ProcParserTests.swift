import Testing
import TmemHost
import TmemTestSupport

@Suite struct ProcParserTests {
    @Test func swapsTableInBytes() throws {
        let text = """
        Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority
        /dev/zram1                              partition\t1048572\t\t2048\t\t-2
        /swap\\040file                           file\t\t4\t\t0\t\t32767

        """
        let areas = try SwapTable.parse(text)
        #expect(areas == [SwapArea(filename: "/dev/zram1", type: "partition", size: 1_073_737_728, used: 2_097_152, priority: -2),
                          SwapArea(filename: "/swap file", type: "file", size: 4096, used: 0, priority: 32767)])
        #expect(try SwapTable.parse("Filename Type Size Used Priority\n").isEmpty)
        #expect(throws: HostError.self) { try SwapTable.parse("") }
        #expect(throws: HostError.self) { try SwapTable.parse("Filename\n/dev/zram1 partition 10 0\n") }
        #expect(throws: HostError.self) { try SwapTable.parse("Filename\n/dev/zram1 partition ten 0 -2\n") }
    }

    @Test func mountInfoWithOptionalFields() throws {
        let m = try MountInfo.parse("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 shared:2 - ext3 /dev/root rw,errors=continue\n")
        #expect(m == [MountEntry(device: "98:0", mountPoint: "/mnt2", fsType: "ext3", source: "/dev/root")])
        #expect(throws: HostError.self) { try MountInfo.parse("36 35 98:0 /mnt1 /mnt2 rw ext3 /dev/root rw x\n") }
    }

    @Test func vmstat() throws {
        let v = try VMStat(parsing: "nr_free_pages 1234\nzswpout 26281\nnr_zone_write_pending -1\n")
        #expect(v["zswpout"] == 26281)
        #expect(v["nr_free_pages"] == 1234)
        #expect(v["nr_zone_write_pending"] == nil)
        #expect(throws: HostError.self) { try VMStat(parsing: "zswpout\n") }
        #expect(throws: HostError.self) { try VMStat(parsing: "zswpout x\n") }
    }

    @Test func meminfoZswapLinesInBytes() throws {
        let m = try MemInfo(parsing: "MemTotal:       24669048 kB\nZswap:              77432 kB\nZswapped:          181572 kB\nHugePages_Total:       0\n")
        #expect(m.zswap == 77432 * 1024)
        #expect(m.zswapped == 181572 * 1024)
        #expect(m.fields["HugePages_Total"] == 0)
    }
}

@Suite struct CryptoAndCPUParserTests {
    @Test func compressorsFromProcCrypto() throws {
        let text = """
        name         : cbc(aes)
        driver       : cbc(ecb(aes-fixed-time))
        type         : lskcipher

        name         : lzo-rle
        driver       : lzo-rle-scomp
        type         : scomp

        name         : lzo
        driver       : lzo-generic
        type         : compression

        name         : lzo
        driver       : lzo-scomp
        type         : scomp

        name         : deflate
        type         : acomp

        """
        #expect(try ProcCrypto.compressors(parsing: text) == ["lzo-rle", "lzo", "deflate"])
        #expect(throws: HostError.self) { try ProcCrypto.compressors(parsing: "name lzo\n") }
    }

    @Test(arguments: [("0-1\n", 2), ("0\n", 1), ("0,2-5,7\n", 6), ("0-63\n", 64)])
    func onlineCPUList(_ text: String, _ n: Int) throws {
        #expect(try OnlineCPUs.count(parsing: text) == n)
    }

    @Test(arguments: ["", "\n", "1-0\n", "a-b\n", "0-1-2\n"])
    func malformedCPUListsAreErrors(_ text: String) {
        #expect(throws: HostError.self) { try OnlineCPUs.count(parsing: text) }
    }
}

@Suite struct DebugFSUnmountOrderTests {
    /// tracefs auto-mounted at debug/tracing keeps debugfs busy: it (and anything deeper) goes first, deepest
    /// first; unrelated mounts and debugfs itself are not in the list.
    @Test func submountsBelowDebugfsDeepestFirst() throws {
        let text = """
        22 27 0:21 / /proc rw,relatime - proc proc rw
        30 24 0:7 / /sys/kernel/debug rw,relatime - debugfs debugfs rw
        31 30 0:12 / /sys/kernel/debug/tracing rw,relatime - tracefs tracefs rw
        32 31 0:40 / /sys/kernel/debug/tracing/instances/x rw,relatime - tmpfs none rw
        33 24 0:41 / /sys/kernel/debugger rw,relatime - tmpfs none rw

        """
        let mounts = try MountInfo.parse(text, file: "mountinfo")
        #expect(DebugFS.submounts(of: "/sys/kernel/debug", in: mounts)
                == ["/sys/kernel/debug/tracing/instances/x", "/sys/kernel/debug/tracing"])
        #expect(DebugFS.submounts(of: "/sys/kernel/debug/", in: mounts).count == 2)
        #expect(DebugFS.submounts(of: "/proc", in: mounts).isEmpty)
    }
}


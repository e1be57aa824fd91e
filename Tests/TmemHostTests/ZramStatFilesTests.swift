import Testing
import TmemHost
import TmemTestSupport

@Suite struct ZramStatFilesTests {
    @Test func ioStatOn618HasNoInvalidIoCounter() throws {
        // The 6.18 host's exact line (docs/kernel-notes.md#zram-stat-formats): the third field is an unpadded literal 0.
        let s = try IOStat(parsing: "       0        0 0        0\n", path: "io_stat")
        #expect(s == IOStat(failedReads: 0, failedWrites: 0, invalidIo: nil, notifyFree: 0))
        let busy = try IOStat(parsing: "      12      345 0     6789\n", path: "io_stat")
        #expect(busy == IOStat(failedReads: 12, failedWrites: 345, invalidIo: nil, notifyFree: 6789))
    }

    @Test func ioStatOn61KeepsTheRealInvalidIoCounter() throws {
        // 5.15/6.1 print "%8llu %8llu %8llu %8llu": a zero invalid_io is padded to 8 columns.
        let zero = try IOStat(parsing: "       1        2        0        4\n", path: "io_stat")
        #expect(zero.invalidIo == 0)
        let some = try IOStat(parsing: "       1        2        3        4\n", path: "io_stat")
        #expect(some == IOStat(failedReads: 1, failedWrites: 2, invalidIo: 3, notifyFree: 4))
    }

    @Test(arguments: ["       0        0 0\n", "       0        0 x        0\n", "1 2 3 4\n5 6 7 8\n", ""])
    func malformedIoStatNamesTheFile(_ text: String) throws {
        let e = try #require(throws: HostError.self) { try IOStat(parsing: text, path: "/sys/block/zram9/io_stat") }
        #expect(e.description.hasPrefix("io_stat: malformed stat in /sys/block/zram9/io_stat ("))
    }

    @Test func bdStat() throws {
        #expect(try BDStat(parsing: "       5       10       20\n", path: "bd_stat") == BDStat(bdCount: 5, bdReads: 10, bdWrites: 20))
        #expect(throws: HostError.self) { try BDStat(parsing: "5 10\n", path: "bd_stat") }
    }

    @Test func debugStatBothLayouts() throws {
        // 6.18: literal 0 then miss_free; 6.12 and older: writestall then miss_free.
        #expect(try DebugStat(parsing: "version: 1\n0        0\n", path: "d") == DebugStat(version: 1, writestall: 0, missFree: 0))
        #expect(try DebugStat(parsing: "version: 1\n       7        3\n", path: "d") == DebugStat(version: 1, writestall: 7, missFree: 3))
        #expect(throws: HostError.self) { try DebugStat(parsing: "version: 2\n0 0\n", path: "d") }
        #expect(throws: HostError.self) { try DebugStat(parsing: "0 0\n", path: "d") }
        #expect(throws: HostError.self) { try DebugStat(parsing: "version: 1\n0 0 0\n", path: "d") }
    }

    @Test func legacyPerFileStatsOfLinux40() throws {
        let fake = try FakeRoot()
        let d = "sys/block/zram1/"
        let values = ["orig_data_size": "8192", "compr_data_size": "120", "mem_used_total": "4096", "zero_pages": "3",
                      "mem_limit": "0", "mem_used_max": "8192", "num_reads": "5", "num_writes": "6",
                      "failed_reads": "0", "failed_writes": "1", "invalid_io": "2", "notify_free": "9",
                      "disksize": "1048576", "initstate": "1"]
        for (k, v) in values { try fake.file(d + k, v + "\n") }
        let dev = ZramDevice(id: 1, root: fake.root)
        #expect(!dev.has(.mmStat))
        #expect(try dev.ioStat() == nil)
        let legacy = try #require(try dev.legacyStats())
        #expect(legacy.zeroPages == 3 && legacy.failedWrites == 1 && legacy.invalidIo == 2 && legacy.notifyFree == 9)
        let mm = try dev.memoryStats()
        #expect(mm == MMStat(origDataSize: 8192, comprDataSize: 120, memUsedTotal: 4096, memLimit: 0, memUsedMax: 8192,
                             samePages: 3, pagesCompacted: 0, hugePages: 0, hugePagesSince: nil))
        try fake.file(d + "zero_pages", "three\n")
        let e = try #require(throws: HostError.self) { try dev.legacyStats() }
        #expect(e.description == "zero_pages: malformed stat in \(fake.directory.path)/sys/block/zram1/zero_pages ('three' is not a number)")
    }

    @Test func absentOptionalFilesAreNilNotErrors() throws {
        let fake = try FakeRoot()
        try fake.file("sys/block/zram2/mm_stat", "0 0 0 0 0 0 0 0 0\n")
        let dev = ZramDevice(id: 2, root: fake.root)
        #expect(try dev.bdStat() == nil)
        #expect(try dev.debugStat() == nil)
        #expect(try dev.backingDevice() == nil)
        #expect(try dev.writebackLimit() == nil)
        #expect(try dev.writebackLimitEnabled() == nil)
        #expect(try dev.recompressionAlgorithms() == nil)
        #expect(try dev.maxCompStreams() == nil)
        #expect(try dev.legacyStats() == nil)
        #expect(try dev.memoryStats() == MMStat())
    }
}

import Testing
import TmemHost

@Suite struct MMStatTests {
    @Test func parsesTheNineFieldLayout() throws {
        // Shape of Linux 6.18's "%8llu %8llu %8llu %8lu %8ld %8llu %8lu %8llu %8llu\n".
        let s = try MMStat(parsing: "    8192      126    12288        0    12288        1        0        0        0\n", path: "mm_stat")
        #expect(s == MMStat(origDataSize: 8192, comprDataSize: 126, memUsedTotal: 12288, memUsedMax: 12288, samePages: 1))
    }

    @Test func parsesTheEightFieldLayoutOfLinux419() throws {
        let s = try MMStat(parsing: "4096 41 4096 0 4096 0 0 0\n", path: "mm_stat")
        #expect(s.hugePagesSince == nil)
        #expect(s.comprDataSize == 41)
    }

    @Test(arguments: ["", "1 2 3\n", "1 2 3 4 5 6 7 8 x\n", "1 2 3 4 5 6 7 8 9 10\n", "1 2 3 4\n5 6 7 8 9\n", "1 2 3 4 5 6 7 8 -9\n"])
    func rejectsMalformedLinesNamingTheFile(_ text: String) {
        let e = #expect(throws: HostError.self) { try MMStat(parsing: text, path: "/sys/block/zram5/mm_stat") }
        #expect(e?.description.hasPrefix("mm_stat: malformed stat in /sys/block/zram5/mm_stat (") == true)
    }
}

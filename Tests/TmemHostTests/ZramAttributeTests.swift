import Testing
import SystemPackage
import TmemHost
import TmemTestSupport

@Suite struct ZramAttributeTests {
    @Test func algorithmListAsThe618HostPrintsIt() throws {
        let l = try ZramAlgorithmList(parsing: "[lzo-rle] lzo lz4 \n", path: "comp_algorithm")
        #expect(l.available == ["lzo-rle", "lzo", "lz4"])
        #expect(l.selected == "lzo-rle")
        let other = try ZramAlgorithmList(parsing: "lzo lzo-rle [lz4] lz4hc 842 zstd \n", path: "c")
        #expect(other.selected == "lz4" && other.available.count == 6)
    }

    @Test(arguments: ["", "\n", "[lzo] [lz4]\n", "[] lzo\n", "[lzo lz4\n", "lzo]\n", "lzo\nlz4\n"])
    func malformedAlgorithmListsAreErrors(_ text: String) {
        #expect(throws: HostError.self) { try ZramAlgorithmList(parsing: text, path: "comp_algorithm") }
    }

    @Test func recompressionListByPriority() throws {
        let r = try ZramRecompressionList.parse("#1: lzo lzo-rle [lz4] zstd \n#2: [zstd] lz4 \n", path: "r")
        #expect(r[1]?.selected == "lz4")
        #expect(r[2]?.selected == "zstd")
        #expect(try ZramRecompressionList.parse("", path: "r").isEmpty)
        #expect(throws: HostError.self) { try ZramRecompressionList.parse("#4: [lz4] \n", path: "r") }
        #expect(throws: HostError.self) { try ZramRecompressionList.parse("1: [lz4] \n", path: "r") }
    }

    @Test func typedReadsAndWritesUseTheKernelFormats() throws {
        let fake = try FakeRoot()
        let d = "sys/block/zram3/"
        for a in ["disksize": "0\n", "initstate": "0\n", "comp_algorithm": "[lzo-rle] lzo lz4 \n", "mem_limit": "",
                  "mem_used_max": "", "reset": "", "compact": "", "idle": "", "algorithm_params": "",
                  "backing_dev": "none\n", "writeback_limit": "100\n", "writeback_limit_enable": "0\n",
                  "max_comp_streams": "2\n"] {
            try fake.file(d + a.key, a.value)
        }
        let dev = ZramDevice(id: 3, root: fake.root)
        #expect(try dev.disksize() == 0)
        #expect(try dev.isInitialized() == false)
        #expect(try dev.backingDevice() == "none")
        #expect(try dev.writebackLimit() == 100)
        #expect(try dev.writebackLimitEnabled() == false)
        #expect(try dev.maxCompStreams() == 2)
        try dev.setAlgorithm("lz4")
        try dev.setAlgorithmParams("level=3")
        try dev.setMemLimit(64 << 20)
        try dev.setDisksize(1 << 30)
        try dev.resetMemUsedMax()
        try dev.compact()
        try dev.markIdle()
        try dev.reset()
        try dev.setWritebackLimitEnabled(true)
        #expect(try fake.contents(d + "comp_algorithm") == "lz4")
        #expect(try fake.contents(d + "algorithm_params") == "level=3")
        #expect(try fake.contents(d + "mem_limit") == "67108864")
        #expect(try fake.contents(d + "disksize") == "1073741824")
        #expect(try fake.contents(d + "mem_used_max") == "0")
        #expect(try fake.contents(d + "compact") == "1")
        #expect(try fake.contents(d + "idle") == "all")
        #expect(try fake.contents(d + "reset") == "1")
        #expect(try fake.contents(d + "writeback_limit_enable") == "1")
    }

    @Test func writingAnAbsentAttributeSaysWhyItIsMissing() throws {
        let fake = try FakeRoot()
        try fake.file("sys/block/zram4/disksize", "0\n")
        let dev = ZramDevice(id: 4, root: fake.root)
        let e = try #require(throws: HostError.self) { try dev.setBackingDevice("/dev/sdb1") }
        #expect(e.errno == .noSuchFileOrDirectory)
        #expect(e.description == "zram4: cannot write \(fake.directory.path)/sys/block/zram4/backing_dev: ENOENT (this kernel has no backing_dev: it needs CONFIG_ZRAM_WRITEBACK)")
        let r = try #require(throws: HostError.self) { try dev.setRecompressionAlgorithm("zstd", priority: 1) }
        #expect(r.hint?.contains("CONFIG_ZRAM_MULTI_COMP") == true)
        let gone = try #require(throws: HostError.self) { try ZramDevice(id: 9, root: fake.root).setDisksize(4096) }
        #expect(gone.hint == "no such device")
    }

    @Test func aFailingWriteKeepsTheErrnoAndNamesTheAttribute() throws {
        let fake = try FakeRoot()
        try fake.directory("sys/block/zram5/disksize")   // a directory: open(O_WRONLY) fails with EISDIR
        let dev = ZramDevice(id: 5, root: fake.root)
        let e = try #require(throws: HostError.self) { try dev.setDisksize(4096) }
        #expect(e.errno == .isDirectory)
        #expect(e.description == "zram5: cannot write \(fake.directory.path)/sys/block/zram5/disksize: EISDIR")
    }

    @Test func holdersFromSwapsAndMountinfo() throws {
        let fake = try FakeRoot()
        try fake.file("sys/block/zram6/dev", "253:6\n")
        try fake.file("sys/block/zram7/dev", "253:7\n")
        try fake.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/zram6                              partition\t1048572\t\t0\t\t100\n")
        try fake.file("proc/self/mountinfo", "22 27 0:21 / /proc rw,relatime - proc proc rw\n90 27 253:7 / /mnt/z\\040ram rw,relatime shared:5 - ext4 /dev/zram7 rw\n")
        #expect(ZramDevice(id: 6, root: fake.root).holders() == [.swap(priority: 100)])
        #expect(ZramDevice(id: 7, root: fake.root).holders() == [.mount(point: "/mnt/z ram", fsType: "ext4")])
        #expect(ZramDevice(id: 6, root: fake.root).swapArea?.size == 1048572 * 1024)
        #expect(ZramDevice(id: 8, root: fake.root).holders().isEmpty)
    }
}

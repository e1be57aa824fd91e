import Foundation
import Testing
import TmemTestSupport

/// `tmemctl zram idle|writeback|recompress` on fake roots shaped like kernels of each era, against the ABI in
/// Documentation/admin-guide/blockdev/zram.rst (docs/kernel-notes.md#zram-tiering-probes, #zram-writeback,
/// #zram-recompression). Expected texts are written from the documentation, not from the code.
@Suite struct ZramTierCommandTests {
    static let writebackFiles = ["backing_dev", "writeback", "bd_stat", "writeback_limit", "writeback_limit_enable"]
    static let recompressFiles = ["recomp_algorithm", "recompress"]

    /// zram1 initialized with 64 MiB (16384 pages of 4 KiB) on kernel `release`; `config` lines go to
    /// /boot/config-RELEASE.
    func host(release: String, config: [String], writeback: Bool = true, backing: String = "/dev/vdb",
              recompress: String? = nil) throws -> FakeRoot {
        let f = try FakeHost.make(devices: [0])
        try FakeHost.device(f, 1, extraAttributes: (writeback ? Self.writebackFiles : []) + (recompress != nil ? Self.recompressFiles : []))
        let d = "sys/block/zram1/"
        try f.file(d + "disksize", "67108864\n")
        try f.file(d + "initstate", "1\n")
        try f.file(d + "mm_stat", "  1048576   262144   294912        0   294912       10        0       16        16\n")
        if writeback {
            try f.file(d + "backing_dev", backing + "\n")
            try f.file(d + "bd_stat", "       3        1        5\n")
            try f.file(d + "writeback_limit", "0\n")
            try f.file(d + "writeback_limit_enable", "0\n")
        }
        if let recompress { try f.file(d + "recomp_algorithm", recompress) }
        try f.file("proc/sys/kernel/osrelease", release + "\n")
        try f.file("proc/self/smaps", "KernelPageSize:        4 kB\n")
        try f.file("boot/config-\(release)", (["CONFIG_ZRAM=y"] + config).joined(separator: "\n") + "\n")
        return f
    }

    func run(_ f: FakeRoot, _ args: [String]) throws -> TmemctlRunner.Result {
        try TmemctlRunner.run(["zram"] + args + ["--root", f.directory.path])
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: idle

    @Test func idleAllWritesAll() throws {
        let f = try host(release: "6.18.44", config: [])
        let r = try run(f, ["idle", "zram1", "--all"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("sys/block/zram1/idle") == "all")
        #expect(r.stdout.hasPrefix("wrote zram1/idle = all\n"))
    }

    @Test func idleByAgeNeedsAccessTimeTracking() throws {
        let f = try host(release: "6.18.44", config: ["# CONFIG_ZRAM_TRACK_ENTRY_ACTIME is not set"])
        let r = try run(f, ["idle", "zram1", "--age", "3600"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("CONFIG_ZRAM_TRACK_ENTRY_ACTIME"), "\(r.stderr)")
        #expect(r.stderr.contains("--all"))
        #expect(try f.contents("sys/block/zram1/idle") == "")
    }

    @Test(arguments: [("6.1.0-57-amd64", "CONFIG_ZRAM_MEMORY_TRACKING=y"), ("6.12.117", "CONFIG_ZRAM_TRACK_ENTRY_ACTIME=y")])
    func idleByAgeWritesSeconds(_ release: String, _ option: String) throws {
        let f = try host(release: release, config: [option])
        let r = try run(f, ["idle", "/dev/zram1", "--age", "86400"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("sys/block/zram1/idle") == "86400")
    }

    @Test func idleRefusesAnUninitializedDevice() throws {
        let f = try host(release: "6.18.44", config: [])
        try f.file("sys/block/zram1/initstate", "0\n")
        let r = try run(f, ["idle", "zram1", "--all"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("not initialized"))
        #expect(try f.contents("sys/block/zram1/idle") == "")
    }

    // MARK: writeback

    @Test(arguments: [("6.1.0-57-amd64", "huge_idle"), ("6.12.117", "huge_idle"), ("6.16.0", "type=huge_idle"), ("7.2.13", "type=huge_idle")])
    func writebackTypeUsesTheEraSyntax(_ release: String, _ expected: String) throws {
        let f = try host(release: release, config: ["CONFIG_ZRAM_WRITEBACK=y"])
        let r = try run(f, ["writeback", "zram1", "--type", "huge_idle"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("sys/block/zram1/writeback") == expected)
    }

    @Test func pageRangeIsOneWriteFrom616AndALoopBefore() throws {
        let new = try host(release: "6.16.0", config: [])
        let n = try json(try run(new, ["writeback", "zram1", "--page-range", "3-5", "--dry-run", "--json"]).stdout)
        let nw = try #require(n["writes"] as? [[String: Any]])
        #expect(nw.map { $0["value"] as? String } == ["page_indexes=3-5"])

        let old = try host(release: "6.12.117", config: [])
        let o = try json(try run(old, ["writeback", "zram1", "--page-range", "3-5", "--dry-run", "--json"]).stdout)
        let ow = try #require(o["writes"] as? [[String: Any]])
        #expect(ow.map { $0["value"] as? String } == ["page_index=3", "page_index=4", "page_index=5"])
        #expect(ow.allSatisfy { $0["attribute"] as? String == "writeback" })
        #expect(try old.contents("sys/block/zram1/writeback") == "")    // dry run
    }

    @Test func limitIsWrittenIn4KiBUnitsAndEnabled() throws {
        let f = try host(release: "6.12.117", config: [])
        let r = try run(f, ["writeback", "zram1", "--type", "idle", "--limit", "64M"])
        #expect(r.status == 0, "\(r.stderr)")
        // 64 MiB = 67108864 bytes = 16384 units of 4096.
        #expect(try f.contents("sys/block/zram1/writeback_limit") == "16384")
        #expect(try f.contents("sys/block/zram1/writeback_limit_enable") == "1")
        #expect(try f.contents("sys/block/zram1/writeback") == "idle")
    }

    @Test func writebackRefusalsNameTheCause() throws {
        let none = try host(release: "6.18.44", config: ["# CONFIG_ZRAM_WRITEBACK is not set"], writeback: false)
        let a = try run(none, ["writeback", "zram1", "--type", "idle"])
        #expect(a.status == 1)
        #expect(a.stderr.contains("CONFIG_ZRAM_WRITEBACK"), "\(a.stderr)")

        let unbacked = try host(release: "6.12.117", config: [], backing: "none")
        let b = try run(unbacked, ["writeback", "zram1", "--type", "huge"])
        #expect(b.status == 1)
        #expect(b.stderr.contains("no backing device"), "\(b.stderr)")
        #expect(try unbacked.contents("sys/block/zram1/writeback") == "")

        let old = try host(release: "6.1.0-57-amd64", config: [])
        let c = try run(old, ["writeback", "zram1", "--type", "incompressible"])
        #expect(c.status == 1)
        #expect(c.stderr.contains("6.2"), "\(c.stderr)")

        // 64 MiB holds pages 0...16383.
        let beyond = try run(old, ["writeback", "zram1", "--pages", "16384"])
        #expect(beyond.status == 64)
        #expect(beyond.stderr.contains("16384"))
        #expect(try run(old, ["writeback", "zram1", "--pages", "16383", "--dry-run"]).status == 0)
    }

    @Test(arguments: [["writeback", "zram1"], ["writeback", "zram1", "--type", "idle", "--pages", "1"],
                      ["writeback", "zram1", "--page-range", "5-3"], ["writeback", "zram1", "--pages", "1,x"],
                      ["writeback", "zram1", "--type", "sideways"], ["idle", "zram1"], ["idle", "zram1", "--all", "--age", "5"],
                      ["recompress", "zram1", "--algorithm", "lz4", "--priority", "1"], ["recompress", "zram1", "--priority", "4"],
                      ["recompress", "zram1", "--max-pages", "0"], ["recompress", "zram1", "--type", "incompressible"]])
    func usageErrorsExit64(_ args: [String]) throws {
        let f = try host(release: "6.12.117", config: [])
        let r = try run(f, args)
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func jsonCarriesStatsBeforeAndAfter() throws {
        let f = try host(release: "6.12.117", config: [])
        let r = try run(f, ["writeback", "zram1", "--type", "idle", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try json(r.stdout)
        #expect(j["schema_version"] as? Int == 1)
        #expect(j["kernel"] as? String == "6.12.117")
        #expect(j["dry_run"] as? Bool == false)
        let before = try #require(j["before"] as? [String: Any])
        let bd = try #require(before["bd_stat"] as? [String: Any])
        #expect(bd["bd_count"] as? Int == 3 && bd["bd_reads"] as? Int == 1 && bd["bd_writes"] as? Int == 5)
        let mm = try #require(before["mm_stat"] as? [String: Any])
        #expect(mm["orig_data_size"] as? Int == 1048576 && mm["huge_pages"] as? Int == 16)
        #expect(j["after"] is [String: Any])

        let dry = try json(try run(f, ["writeback", "zram1", "--type", "idle", "--json", "--dry-run"]).stdout)
        #expect(dry["after"] is NSNull)
    }

    // MARK: recompress

    static let secondaries = "#1: lzo lzo-rle [lz4] \n#2: [lzo] lzo-rle lz4 \n"

    @Test func recompressWritesTheDocumentedKeys() throws {
        let f = try host(release: "6.18.44", config: ["CONFIG_ZRAM_MULTI_COMP=y"], recompress: Self.secondaries)
        let r = try run(f, ["recompress", "zram1", "--type", "huge", "--threshold", "3000", "--algorithm", "lz4", "--max-pages", "100"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try f.contents("sys/block/zram1/recompress")
        #expect(Set(text.split(separator: " ")) == ["type=huge", "threshold=3000", "algo=lz4", "max_pages=100"])

        #expect(try run(f, ["recompress", "zram1", "--priority", "2"]).status == 0)
        #expect(try f.contents("sys/block/zram1/recompress") == "priority=2")
    }

    @Test func recompressRefusalsNameTheCause() throws {
        let none = try host(release: "6.12.117", config: ["# CONFIG_ZRAM_MULTI_COMP is not set"])
        let a = try run(none, ["recompress", "zram1", "--type", "idle"])
        #expect(a.status == 1)
        #expect(a.stderr.contains("CONFIG_ZRAM_MULTI_COMP"), "\(a.stderr)")

        let unset = try host(release: "6.18.44", config: [], recompress: "")
        let b = try run(unset, ["recompress", "zram1", "--type", "idle"])
        #expect(b.status == 1)
        #expect(b.stderr.contains("no recompression algorithm"), "\(b.stderr)")

        let f = try host(release: "6.18.44", config: [], recompress: Self.secondaries)
        let c = try run(f, ["recompress", "zram1", "--algorithm", "zstd"])
        #expect(c.status == 1)
        #expect(c.stderr.contains("1:lz4 2:lzo"), "\(c.stderr)")
        #expect(try run(f, ["recompress", "zram1", "--priority", "3"]).status == 1)
        // huge_class_size of 4 KiB pages with the default chain of 8 is 3625 bytes (the 3632-byte class minus 7,
        // docs/kernel-notes.md#zsmalloc-huge-class-size): a threshold must be below it.
        let t = try run(f, ["recompress", "zram1", "--threshold", "3625"])
        #expect(t.status == 64)
        #expect(t.stderr.contains("3625"))
        #expect(try run(f, ["recompress", "zram1", "--threshold", "3624", "--dry-run"]).status == 0)
        #expect(try f.contents("sys/block/zram1/recompress") == "")
    }
}

import Foundation
import Testing
import TmemTestSupport

/// `tmemctl status` on fake roots: every value in the table and the JSON comes from a file written here.
@Suite struct StatusCommandTests {
    func host() throws -> FakeRoot {
        let f = try FakeHost.make(devices: [0, 2])
        try f.file("sys/block/zram2/disksize", "1073741824\n")
        try f.file("sys/block/zram2/initstate", "1\n")
        try f.file("sys/block/zram2/comp_algorithm", "lzo-rle lzo [lz4] \n")
        try f.file("sys/block/zram2/mm_stat", "  8388608  2097152  2359296 16777216  2621440       10        3       20       25\n")
        try f.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/zram2                              partition\t1048572\t\t8000\t\t100\n")
        return f
    }

    @Test func defaultTable() throws {
        let f = try host()
        let r = try TmemctlRunner.run(["status", "--root", f.directory.path])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].split(separator: " ") == ["NAME", "ALGORITHM", "DISKSIZE", "DATA", "COMPR", "TOTAL", "STREAMS", "MOUNTPOINT", "SWAP"])
        #expect(lines[1].split(separator: " ") == ["/dev/zram0", "lzo-rle", "0B", "0B", "0B", "0B", "no"])
        // 1 GiB, 8 MiB, 2 MiB, 2.25 MiB (printed with one decimal as zramctl does); STREAMS empty: no max_comp_streams.
        #expect(lines[2].split(separator: " ") == ["/dev/zram2", "lz4", "1G", "8M", "2M", "2.3M", "[SWAP]", "yes"])
        // 1,048,572 KiB is 1023.996 MiB: "1024M", as swapon and zramctl (util-linux size_to_human_string) print it.
        #expect(r.stdout.contains("swap: /dev/zram2 partition size 1024M used 7.8M priority 100"))
        #expect(r.stdout.contains("zswap: disabled, compressor lzo"))
        #expect(r.stderr.isEmpty)
    }

    @Test func chosenColumnsInBytesRawWithoutHeadings() throws {
        let f = try host()
        let r = try TmemctlRunner.run(["status", "--root", f.directory.path, "zram2", "-o", "name,data,compr,zero-pages,mem-limit,mem-used,migrated,comp-ratio,huge,huge-since,swap-priority",
                                       "--bytes", "--raw", "--noheadings"])
        #expect(r.status == 0)
        #expect(r.stdout == "/dev/zram2 8388608 2097152 10 16777216 2621440 3 4.00 20 25 100\n")
    }

    @Test func plusAddsToTheDefaults() throws {
        let f = try host()
        let r = try TmemctlRunner.run(["status", "--root", f.directory.path, "zram0", "-o", "+HUGE", "--noheadings", "--raw"])
        #expect(r.stdout == "/dev/zram0 lzo-rle 0B 0B 0B 0B   no 0\n")
    }

    @Test func jsonUsesKernelFieldNamesAndBytes() throws {
        let f = try host()
        let r = try TmemctlRunner.run(["status", "--root", f.directory.path, "--json"])
        #expect(r.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(Set(doc.keys) == ["schema_version", "zram", "zswap", "swaps", "warnings"])
        let zram = try #require(doc["zram"] as? [[String: Any]])
        #expect(zram.count == 2)
        let d = zram[1]
        #expect(d["name"] as? String == "zram2")
        #expect(d["disksize"] as? Int == 1 << 30)
        #expect(d["comp_algorithm"] as? String == "lz4")
        #expect(d["is_swap"] as? Bool == true && d["swap_priority"] as? Int == 100)
        let mm = try #require(d["mm_stat"] as? [String: Int])
        #expect(mm == ["orig_data_size": 8_388_608, "compr_data_size": 2_097_152, "mem_used_total": 2_359_296,
                       "mem_limit": 16_777_216, "mem_used_max": 2_621_440, "same_pages": 10, "pages_compacted": 3,
                       "huge_pages": 20, "huge_pages_since": 25])
        let io = try #require(d["io_stat"] as? [String: Any])
        #expect(io.compactMapValues { $0 as? Int } == ["failed_reads": 0, "failed_writes": 0, "notify_free": 0])
        #expect(io["invalid_io"] is NSNull)   // no invalid_io on 6.18: the key stays, null
        let swaps = try #require(doc["swaps"] as? [[String: Any]])
        #expect(swaps.first?["size"] as? Int == 1_048_572 * 1024)
        let zswap = try #require(doc["zswap"] as? [String: Any])
        #expect(zswap["enabled"] as? Bool == false && zswap["compressor"] as? String == "lzo")
    }

    @Test func zswapInFrontOfZramSwapIsWarnedAboutOnStderr() throws {
        let f = try host()
        try f.file("sys/module/zswap/parameters/enabled", "Y\n")
        let r = try TmemctlRunner.run(["status", "--root", f.directory.path])
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("warning: zswap is enabled in front of zram swap (zram2)"))
        #expect(!r.stdout.contains("warning"))
    }

    @Test(arguments: [["-o", "NAME,SIZE"], ["-o", ""], ["../zram0"], ["sda"], ["zram01"]])   // status zram9: exit 1 (ZramCommandTests)
    func badInputExits64WithAMessage(_ args: [String]) throws {
        let f = try host()
        let r = try TmemctlRunner.run(["status", "--root", f.directory.path] + args)
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        #expect(!r.stderr.isEmpty)
    }

    @Test func unknownColumnListsTheColumns() throws {
        let f = try host()
        let r = try TmemctlRunner.run(["status", "--root", f.directory.path, "-o", "NAME,SIZE"])
        #expect(r.stderr.contains("unknown column 'SIZE'; choose from: NAME, DISKSIZE, DATA, COMPR, ALGORITHM"))
    }
}

/// `tmemctl status` and `tmemctl status --json` skip ArgumentParser (StatusCommand.fastPath); they must print and
/// exit exactly as the same command through the parser does. TMEMCTL_ROOT takes the fast path, `--root` the parser.
@Suite struct StatusFastPathTests {
    @Test func theFastPathPrintsWhatTheParsedCommandPrints() throws {
        let rich = try StatusCommandTests().host()
        try rich.file("sys/module/zswap/parameters/enabled", "Y\n")
        let bare = try FakeRoot()
        try bare.file("proc/meminfo", "MemTotal:       1024 kB\n")
        let broken = try FakeHost.make(devices: [0, 1])
        try FakeHost.breakAttribute(broken, "proc/meminfo")
        for f in [rich, bare, broken] {
            for json in [false, true] {
                let fast = try TmemctlRunner.run(["status"] + (json ? ["--json"] : []), environment: ["TMEMCTL_ROOT": f.directory.path])
                let parsed = try TmemctlRunner.run(["status", "--root", f.directory.path] + (json ? ["--json"] : []))
                #expect(fast.stdout == parsed.stdout && fast.stderr == parsed.stderr && fast.status == parsed.status,
                        "\(f.directory.path) json \(json): \(fast.stderr) / \(parsed.stderr)")
                #expect(!fast.stdout.isEmpty || !fast.stderr.isEmpty)
            }
        }
    }

    /// A TMEMCTL_ROOT that is not a directory is refused as a usage error, as on the parser's path.
    @Test func aBadEnvironmentRootIsStillAUsageError() throws {
        let r = try TmemctlRunner.run(["status"], environment: ["TMEMCTL_ROOT": "/nonexistent-tmemctl-root"])
        #expect(r.status == 64 && r.stderr.contains("TMEMCTL_ROOT /nonexistent-tmemctl-root: ENOENT"), "\(r.stderr)")
    }
}

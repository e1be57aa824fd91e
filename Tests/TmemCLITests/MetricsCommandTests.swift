import Foundation
import Testing
import TmemTestSupport

/// `tmemctl metrics` on fake roots: every expected value is worked out here from the fixture's files.
@Suite struct MetricsCommandTests {
    /// zram0 idle; zram2 initialized with lz4, data stored, a limit, a 6.1-style io_stat (real invalid_io) and
    /// writeback; zswap with debugfs mounted; one swap area.
    func host() throws -> FakeRoot {
        let f = try FakeHost.make(devices: [0, 2])
        let d = "sys/block/zram2/"
        try f.file(d + "disksize", "1073741824\n")
        try f.file(d + "initstate", "1\n")
        try f.file(d + "comp_algorithm", "lzo-rle lzo [lz4] \n")
        try f.file(d + "mm_stat", "  8388608  2097152  2359296 16777216  2621440       10        3       20       25\n")
        try f.file(d + "io_stat", "       1        2        7        9\n")
        try f.file(d + "bd_stat", "       3        4        5\n")
        try f.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/zram2                              partition\t1048572\t\t8000\t\t100\n")
        try f.file("proc/meminfo", "MemTotal:       24688024 kB\nMemAvailable:   20000000 kB\nSwapTotal:       1048572 kB\nSwapFree:        1040572 kB\nZswap:              2048 kB\nZswapped:           6144 kB\n")
        try f.file("proc/vmstat", "nr_free_pages 100\npswpin 11\npswpout 12\nzswpin 1\nzswpout 2\nzswpwb 0\nswpout_zero 5\n")
        for (k, v) in ["stored_pages": "1536", "pool_total_size": "2097152", "reject_compress_poor": "4",
                       "pool_limit_hit": "6", "written_back_pages": "0"] {
            try f.file("sys/kernel/debug/zswap/\(k)", "\(v)\n")
        }
        return f
    }

    @Test func everyFigureFromTheFixtureAndPromtoolAccepts() throws {
        let f = try host()
        let r = try TmemctlRunner.run(["metrics", "--root", f.directory.path])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        let s = ExpositionSamples.parse(r.stdout)
        let expected: [String: String] = [
            "tmemctl_zram_info{device=\"zram2\",algorithm=\"lz4\"}": "1",
            "tmemctl_zram_info{device=\"zram0\",algorithm=\"lzo-rle\"}": "1",
            "tmemctl_zram_disksize_bytes{device=\"zram2\"}": "1073741824",
            "tmemctl_zram_initialized{device=\"zram2\"}": "1",
            "tmemctl_zram_initialized{device=\"zram0\"}": "0",
            "tmemctl_zram_orig_data_bytes{device=\"zram2\"}": "8388608",
            "tmemctl_zram_compr_data_bytes{device=\"zram2\"}": "2097152",
            "tmemctl_zram_mem_used_total_bytes{device=\"zram2\"}": "2359296",
            "tmemctl_zram_mem_limit_bytes{device=\"zram2\"}": "16777216",
            "tmemctl_zram_mem_used_max_bytes{device=\"zram2\"}": "2621440",
            "tmemctl_zram_same_pages{device=\"zram2\"}": "10",
            "tmemctl_zram_pages_compacted_total{device=\"zram2\"}": "3",
            "tmemctl_zram_huge_pages{device=\"zram2\"}": "20",
            "tmemctl_zram_huge_pages_since_total{device=\"zram2\"}": "25",
            // 8388608 / 2097152; 8388608 - 2359296.
            "tmemctl_zram_compression_ratio{device=\"zram2\"}": "4",
            "tmemctl_zram_memory_saved_bytes{device=\"zram2\"}": "6029312",
            "tmemctl_zram_memory_saved_bytes{device=\"zram0\"}": "0",
            "tmemctl_zram_failed_reads_total{device=\"zram2\"}": "1",
            "tmemctl_zram_failed_writes_total{device=\"zram2\"}": "2",
            "tmemctl_zram_invalid_io_total{device=\"zram2\"}": "7",
            "tmemctl_zram_notify_free_total{device=\"zram2\"}": "9",
            // bd_stat counts 4 KiB units.
            "tmemctl_zram_writeback_stored_bytes{device=\"zram2\"}": "12288",
            "tmemctl_zram_writeback_read_bytes_total{device=\"zram2\"}": "16384",
            "tmemctl_zram_writeback_written_bytes_total{device=\"zram2\"}": "20480",
            "tmemctl_zswap_enabled": "0",
            "tmemctl_zswap_shrinker_enabled": "0",
            "tmemctl_zswap_max_pool_ratio": "0.2",
            "tmemctl_zswap_accept_threshold_ratio": "0.9",
            "tmemctl_zswap_info{compressor=\"lzo\"}": "1",
            "tmemctl_zswap_pool_bytes": "2097152",
            "tmemctl_zswap_stored_bytes": "6291456",
            "tmemctl_zswap_load_pages_total": "1",
            "tmemctl_zswap_store_pages_total": "2",
            "tmemctl_zswap_writeback_pages_total": "0",
            "tmemctl_zswap_debugfs_stored_pages": "1536",
            "tmemctl_zswap_debugfs_pool_total_size_bytes": "2097152",
            "tmemctl_zswap_debugfs_rejects_total{reason=\"compress_poor\"}": "4",
            "tmemctl_zswap_debugfs_pool_limit_hit_total": "6",
            "tmemctl_zswap_debugfs_written_back_pages_total": "0",
            "tmemctl_memory_total_bytes": "25280536576",
            "tmemctl_memory_available_bytes": "20480000000",
            "tmemctl_swap_total_bytes": "1073737728",
            "tmemctl_swap_free_bytes": "1065545728",
            "tmemctl_swap_in_pages_total": "11",
            "tmemctl_swap_out_pages_total": "12",
            "tmemctl_swap_out_zero_pages_total": "5",
            "tmemctl_swap_device_size_bytes{device=\"/dev/zram2\"}": "1073737728",
            "tmemctl_swap_device_used_bytes{device=\"/dev/zram2\"}": "8192000",
            "tmemctl_swap_device_priority{device=\"/dev/zram2\"}": "100",
            "tmemctl_scrape_error{source=\"/sys/block/zram0\"}": "0",
            "tmemctl_scrape_error{source=\"/sys/block/zram2\"}": "0",
            "tmemctl_scrape_error{source=\"/proc/vmstat\"}": "0",
            "tmemctl_scrape_error{source=\"/proc/meminfo\"}": "0",
            "tmemctl_scrape_error{source=\"/proc/swaps\"}": "0",
            "tmemctl_scrape_error{source=\"/sys/module/zswap/parameters\"}": "0",
            "tmemctl_scrape_error{source=\"/sys/kernel/debug/zswap\"}": "0",
        ]
        for (k, v) in expected { #expect(s[k] == v, "\(k)") }
        // zram0 has stored nothing compressed: no ratio sample rather than a division by zero.
        #expect(s["tmemctl_zram_compression_ratio{device=\"zram0\"}"] == nil)
        // 6.18's io_stat prints a literal 0 for invalid_io, which the kernel no longer counts.
        #expect(s["tmemctl_zram_invalid_io_total{device=\"zram0\"}"] == nil)
        // The algorithm is a label of the info metric only.
        #expect(!r.stdout.split(separator: "\n").contains { !$0.hasPrefix("tmemctl_zram_info") && $0.contains("algorithm=") })
        #expect(Double(s["tmemctl_scrape_duration_seconds"] ?? "") != nil)
        #expect(r.stdout.contains("# TYPE tmemctl_zram_pages_compacted_total counter\n"))
        #expect(r.stdout.contains("# TYPE tmemctl_zram_orig_data_bytes gauge\n"))

        try #require(Promtool.path != nil, Comment(rawValue: Promtool.missingReason))
        let check = try Promtool.checkMetrics(r.stdout)
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.isEmpty, "\(check.output)")
    }

    /// A source that cannot be read shows as tmemctl_scrape_error 1 with its figures missing, never as a silently
    /// missing family; the other sources still report and the exit status stays 0.
    @Test func failingSourcesAreReportedNotDropped() throws {
        let f = try host()
        try f.file("proc/vmstat", "pswpin 11 extra\n")
        try f.file("sys/block/zram2/mm_stat", "  8388608  2097152\n")
        try f.file("sys/kernel/debug/zswap/stored_pages", "lots\n")
        let r = try TmemctlRunner.run(["metrics", "--root", f.directory.path])
        #expect(r.status == 0)
        let s = ExpositionSamples.parse(r.stdout)
        #expect(s["tmemctl_scrape_error{source=\"/proc/vmstat\"}"] == "1")
        #expect(s["tmemctl_scrape_error{source=\"/sys/block/zram2\"}"] == "1")
        #expect(s["tmemctl_scrape_error{source=\"/sys/kernel/debug/zswap\"}"] == "1")
        #expect(s["tmemctl_scrape_error{source=\"/sys/block/zram0\"}"] == "0")
        #expect(s["tmemctl_scrape_error{source=\"/proc/meminfo\"}"] == "0")
        #expect(s["tmemctl_swap_in_pages_total"] == nil)
        #expect(!r.stdout.contains("device=\"zram2\""))
        #expect(!r.stdout.contains("tmemctl_zswap_debugfs_"))
        #expect(s["tmemctl_zram_disksize_bytes{device=\"zram0\"}"] == "0")
        #expect(s["tmemctl_memory_total_bytes"] == "25280536576")
        // The reasons name the files.
        #expect(r.stderr.contains("\(f.directory.path)/proc/vmstat"))
        #expect(r.stderr.contains("\(f.directory.path)/sys/block/zram2/mm_stat"))
        #expect(r.stderr.contains("\(f.directory.path)/sys/kernel/debug/zswap/stored_pages"))
        try #require(Promtool.path != nil, Comment(rawValue: Promtool.missingReason))
        let check = try Promtool.checkMetrics(r.stdout)
        #expect(check.status == 0 && check.output.isEmpty, "\(check.output)")

        try FileManager.default.removeItem(at: f.directory.appendingPathComponent("proc/meminfo"))
        let gone = try TmemctlRunner.run(["metrics", "--root", f.directory.path])
        #expect(ExpositionSamples.parse(gone.stdout)["tmemctl_scrape_error{source=\"/proc/meminfo\"}"] == "1")
        #expect(gone.stderr.contains("ENOENT") || gone.stderr.contains("No such file or directory"), "\(gone.stderr)")
    }

    /// Without debugfs mounted (no zswap directory there), there is no debugfs source and no debugfs family;
    /// without zswap, no zswap parameter family.
    @Test func absentSourcesAreNotErrors() throws {
        let f = try FakeHost.make(devices: [])
        try FileManager.default.removeItem(at: f.directory.appendingPathComponent("sys/module/zswap"))
        let r = try TmemctlRunner.run(["metrics", "--root", f.directory.path])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("/sys/kernel/debug/zswap"))
        #expect(!r.stdout.contains("/sys/module/zswap/parameters\""))
        #expect(!r.stdout.contains("tmemctl_zswap_enabled"))
        #expect(!r.stdout.contains("tmemctl_zram_"))
        #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix("tmemctl_scrape_error") && $0.hasSuffix(" 1") })
    }

    @Test func textfileIsWrittenAtomicallyWithMode0644() throws {
        let f = try host()
        let dir = f.directory.appendingPathComponent("textfile")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // A planted link at the target name is replaced, not followed.
        let victim = f.directory.appendingPathComponent("victim")
        try Data("keep\n".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("tmemctl.prom"), withDestinationURL: victim)
        let r = try TmemctlRunner.run(["metrics", "--root", f.directory.path, "--textfile", dir.path])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep\n")
        let path = dir.appendingPathComponent("tmemctl.prom").path
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attrs[.type] as? FileAttributeType == .typeRegular)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o644)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["tmemctl.prom"])
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(ExpositionSamples.parse(written)["tmemctl_zram_orig_data_bytes{device=\"zram2\"}"] == "8388608")
        try #require(Promtool.path != nil, Comment(rawValue: Promtool.missingReason))
        let check = try Promtool.checkMetrics(written)
        #expect(check.status == 0 && check.output.isEmpty, "\(check.output)")
    }

    @Test func textfileDirectoryMustBeARealDirectory() throws {
        let f = try host()
        let real = f.directory.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let link = f.directory.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let r = try TmemctlRunner.run(["metrics", "--root", f.directory.path, "--textfile", link.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains(link.path) && r.stderr.contains("symbolic link"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: real.path).isEmpty)
        let missing = try TmemctlRunner.run(["metrics", "--root", f.directory.path, "--textfile", f.directory.appendingPathComponent("nope").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("ENOENT") || missing.stderr.contains("No such file or directory"), "\(missing.stderr)")
    }
}

/// `advise --textfile`: its own file and families, the same figures as its JSON report.
@Suite struct AdviseTextfileTests {
    @Test func adviseWritesItsOwnFileWithTheReportsFigures() throws {
        let f = try FakeHost.make(devices: [0])
        let dir = f.directory.appendingPathComponent("textfile")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let r = try TmemctlRunner.run(["advise", "--root", f.directory.path, "--builtin", "--pages", "256", "--json", "--textfile", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let best = try #require(report["best"] as? String)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["tmemctl_advise.prom"])
        let text = try String(contentsOf: dir.appendingPathComponent("tmemctl_advise.prom"), encoding: .utf8)
        let s = ExpositionSamples.parse(text)
        let results = try #require(report["results"] as? [[String: Any]])
        for a in results {
            let alg = try #require(a["algorithm"] as? String)
            let ratio = try #require(a["ratio_at_scale"] as? Double)
            #expect(Double(s["tmemctl_advise_algorithm_expected_ratio{workload=\"builtin\",algorithm=\"\(alg)\"}"] ?? "") == ratio)
            if alg == best { #expect(Double(s["tmemctl_advise_expected_ratio{workload=\"builtin\",algorithm=\"\(alg)\"}"] ?? "") == ratio) }
        }
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("tmemctl_advise_expected_ratio{") }.count == 1)
        #expect(!text.contains("tmemctl_verify_") && !text.contains("tmemctl_zram_"))
        try #require(Promtool.path != nil, Comment(rawValue: Promtool.missingReason))
        let check = try Promtool.checkMetrics(text)
        #expect(check.status == 0 && check.output.isEmpty, "\(check.output)")
    }
}

/// `bench metrics` on a fixture of 8 devices: it measures what it says (the figures themselves are not checked:
/// timing belongs in benches, not tests).
@Suite struct BenchMetricsCommandTests {
    @Test func measuresEveryReadingOfAnEightDeviceFixture() throws {
        let f = try FakeHost.make(devices: Array(0..<8))
        let r = try TmemctlRunner.run(["bench", "metrics", "--root", f.directory.path, "--readings", "20", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["schema_version"] as? Int == 1)
        #expect(o["devices"] as? Int == 8)
        #expect(o["scratch_devices"] as? Int == 0)
        #expect(o["readings"] as? Int == 20)
        #expect((o["scrape_errors"] as? [String])?.isEmpty == true)
        let median = try #require(o["cpu_median"] as? Double)
        #expect((o["cpu_min"] as? Double ?? .nan) <= median && median <= (o["cpu_max"] as? Double ?? .nan))
        // The text one reading produces: what `tmemctl metrics` prints for this fixture, give or take the duration digits.
        let printed = try TmemctlRunner.run(["metrics", "--root", f.directory.path]).stdout.utf8.count
        #expect(abs((o["output_bytes"] as? Int ?? 0) - printed) < 16)
    }
}

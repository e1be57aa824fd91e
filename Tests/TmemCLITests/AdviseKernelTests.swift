import Foundation
import Testing
import TmemTestSupport

/// `advise --kernel ERA`: the choices are that era's zram's (facts of Debian's builds, docs/kernel-notes.md), the
/// ranking is by memory, and CPU figures and mem_limit are reported.
@Suite struct AdviseKernelTests {
    static func advise(_ extra: [String]) throws -> [String: Any] {
        let f = try FakeHost.make(devices: [0])
        let r = try TmemctlRunner.run(["advise", "--root", f.directory.path, "--builtin", "--pages", "96", "--json"] + extra)
        try #require(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    static func results(_ report: [String: Any]) throws -> [[String: Any]] {
        try #require(report["results"] as? [[String: Any]])
    }

    @Test func era612RanksItsFourAlgorithmsAtSeveralLevels() throws {
        let report = try Self.advise(["--kernel", "6.12", "--no-cpu"])
        let results = try Self.results(report)
        #expect(Set(results.compactMap { $0["algorithm"] as? String }) == ["lz4", "lz4hc", "zstd", "deflate"])
        let zstd = results.filter { $0["algorithm"] as? String == "zstd" }
        #expect(zstd.count > 1)
        #expect(zstd.filter { $0["default_level"] as? Bool == true }.map { $0["level"] as? Int } == [3])
        for e in results where e["default_level"] as? Bool == false {
            #expect(e["algorithm_params"] as? String == "algo=\(e["algorithm"]!) level=\(e["level"]!)")
        }
        let pools = results.compactMap { ($0["mem_used_at_scale"] as? NSNumber)?.uint64Value }
        #expect(pools == pools.sorted(), "ranked by memory, smallest pool first")
        #expect(report["best_name"] as? String == results.first?["name"] as? String)
        let kernel = try #require(report["kernel"] as? [String: Any])
        #expect(kernel["era"] as? String == "6.12" && kernel["takes_levels"] as? Bool == true)
        #expect(kernel.keys.contains("release") && kernel["release"] is NSNull)
        #expect(results.allSatisfy { $0["cpu"] is NSNull })
        #expect(report["balanced"] is NSNull)
    }

    @Test func era61HasNoLevelsAndNoDeflate() throws {
        let results = try Self.results(try Self.advise(["--kernel", "6.1", "--no-cpu", "--levels", "all"]))
        #expect(Set(results.compactMap { $0["algorithm"] as? String }) == ["lzo", "lzo-rle", "lz4", "lz4hc", "zstd"])
        #expect(results.count == 5)
        #expect(results.allSatisfy { $0["algorithm_params"] is NSNull })
    }

    @Test func cpuFiguresAndMemLimitAreReported() throws {
        let report = try Self.advise(["--kernel", "7.2", "--levels", "default", "--pool-percent", "20"])
        let results = try Self.results(report)
        #expect(results.count == 4)
        for e in results {
            let cpu = try #require(e["cpu"] as? [String: Any], "\(e["name"] ?? "")")
            let median = try #require(cpu["compress_nanoseconds_per_page"] as? Double)
            let spread = try #require(cpu["compress_spread"] as? [String: Double])
            #expect(median > 0 && spread["min"]! <= median && median <= spread["max"]!)
            #expect(cpu["rounds"] as? Int == 3)
        }
        let balanced = try #require(report["balanced"] as? String)
        #expect(results.contains { $0["name"] as? String == balanced })
        let d = try #require(report["disksize"] as? [String: Any])
        let memTotal = try #require((d["mem_total"] as? NSNumber)?.uint64Value)
        let recommended = try #require((d["recommended_disksize"] as? NSNumber)?.uint64Value)
        let limit = try #require((d["recommended_mem_limit"] as? NSNumber)?.uint64Value)
        // The budget less 16 bytes per slot of the recommended disksize, in whole pages (worked here, not taken
        // from the code).
        let expected = (memTotal * 20 / 100 - recommended / 4096 * 16) / 4096 * 4096
        #expect(limit == expected)
    }

    @Test func anUnknownEraOrLevelsValueIsAUsageError() throws {
        let f = try FakeHost.make(devices: [0])
        for bad in [["--kernel", "5.4"], ["--levels", "some"]] {
            let r = try TmemctlRunner.run(["advise", "--root", f.directory.path, "--builtin", "--pages", "8"] + bad)
            #expect(r.status == 64, "\(bad): \(r.stderr)")
        }
    }
}

import Foundation
import Testing
import TmemCore
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    /// `tmemctl metrics` on the running kernel: every zram sample of a scratch device holding data equals the
    /// device's own sysfs files, read here with a parser of their own.
    @Suite struct MetricsLive {
        func sysfs(_ dev: String, _ attr: String) throws -> String {
            try String(contentsOfFile: "/sys/block/\(dev)/\(attr)", encoding: .utf8)
        }

        func numbers(_ dev: String, _ attr: String) throws -> [String] {
            try sysfs(dev, attr).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        }

        @Test func everyZramValueEqualsTheDevicesSysfsFiles() throws {
            try LiveKernel.exclusive { () throws -> Void in
                try LiveKernel.withScratchZram { (device: ZramDevice) throws -> Void in
                    // zswap enabled for the scrape (restored after), so its families are seen in use too.
                    let zswap = Zswap(root: LiveKernel.root)
                    let savedEnabled = try zswap.value(.enabled)
                    defer { if let v = savedEnabled { try? zswap.set(.enabled, to: v) } }
                    if savedEnabled != nil { try zswap.set(.enabled, to: "Y") }

                    try device.setAlgorithm("lz4")
                    try device.setDisksize(UInt64(256 * pageSize))
                    try device.setMemLimit(64 << 20)
                    let io = try ZramBlockIO(device: device)
                    let corpus = BuiltinCorpus.generate(pages: 200, seed: 13)
                    for i in 0..<corpus.pageCount { try io.writePage(corpus.page(i), at: i) }

                    let r = try TmemctlRunner.run(["metrics"])
                    #expect(r.status == 0, "\(r.stderr)")
                    let s = ExpositionSamples.parse(r.stdout)
                    let name = device.name
                    func sample(_ family: String) -> String? { s["\(family){device=\"\(name)\"}"] }

                    let mm = try numbers(name, "mm_stat")
                    try #require(mm.count == 9)
                    #expect(UInt64(mm[0])! > 0, "the device holds data")
                    let mmFamilies = ["tmemctl_zram_orig_data_bytes", "tmemctl_zram_compr_data_bytes",
                                      "tmemctl_zram_mem_used_total_bytes", "tmemctl_zram_mem_limit_bytes",
                                      "tmemctl_zram_mem_used_max_bytes", "tmemctl_zram_same_pages",
                                      "tmemctl_zram_pages_compacted_total", "tmemctl_zram_huge_pages",
                                      "tmemctl_zram_huge_pages_since_total"]
                    for (i, family) in mmFamilies.enumerated() { #expect(sample(family) == mm[i], "\(family)") }
                    #expect(sample("tmemctl_zram_disksize_bytes") == (try sysfs(name, "disksize")).trimmingWhitespace())
                    #expect(sample("tmemctl_zram_initialized") == (try sysfs(name, "initstate")).trimmingWhitespace())
                    #expect(sample("tmemctl_zram_mem_limit_bytes") == "\(64 << 20)")
                    let ioStat = try numbers(name, "io_stat")
                    #expect(sample("tmemctl_zram_failed_reads_total") == ioStat[0])
                    #expect(sample("tmemctl_zram_failed_writes_total") == ioStat[1])
                    #expect(sample("tmemctl_zram_notify_free_total") == ioStat[3])
                    let orig = Double(mm[0])!, compr = Double(mm[1])!, used = Int64(mm[2])!
                    #expect(Double(sample("tmemctl_zram_compression_ratio") ?? "") == orig / compr)
                    #expect(sample("tmemctl_zram_memory_saved_bytes") == "\(Int64(mm[0])! - used)")
                    #expect(s["tmemctl_zram_info{device=\"\(name)\",algorithm=\"lz4\"}"] == "1")
                    #expect(try sysfs(name, "comp_algorithm").contains("[lz4]"))
                    if FileManager.default.fileExists(atPath: "/sys/block/\(name)/bd_stat") {
                        let bd = try numbers(name, "bd_stat").map { UInt64($0)! * 4096 }
                        #expect(sample("tmemctl_zram_writeback_stored_bytes") == "\(bd[0])")
                    } else {
                        #expect(sample("tmemctl_zram_writeback_stored_bytes") == nil)
                    }
                    #expect(s["tmemctl_scrape_error{source=\"/sys/block/\(name)\"}"] == "0")
                    #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix("tmemctl_scrape_error") && $0.hasSuffix(" 1") },
                            "\(r.stderr)")
                    if savedEnabled != nil { #expect(s["tmemctl_zswap_enabled"] == "1") }
                    // debugfs is never mounted for a scrape.
                    let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
                    #expect(mounts.contains(" debugfs ") == r.stdout.contains("/sys/kernel/debug/zswap"))

                    try #require(Promtool.path != nil, Comment(rawValue: Promtool.missingReason))
                    let check = try Promtool.checkMetrics(r.stdout)
                    #expect(check.status == 0 && check.output.isEmpty, "\(check.output)")
                }
            }
        }
    }
}

extension LiveKernelSuite.MetricsLive {
    /// `verify --textfile`: tmemctl_verify.prom holds, per field, the predicted and live values of the run's own
    /// JSON report, and tmemctl_verify_passed says whether it passed.
    @Test func verifyTextfileCarriesTheRunsFields() throws {
        try LiveKernel.exclusive { () throws -> Void in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-verify-textfile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let r = try TmemctlRunner.run(["verify", "--algorithm", "lz4", "--builtin", "--pages", "512", "--json", "--textfile", dir.path])
            #expect(r.status == 0, "\(r.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let text = try String(contentsOf: dir.appendingPathComponent("tmemctl_verify.prom"), encoding: .utf8)
            let s = ExpositionSamples.parse(text)
            #expect(s["tmemctl_verify_passed{path=\"block\"}"] == ((report["passed"] as? Bool) == true ? "1" : "0"))
            let result = try #require((report["results"] as? [[String: Any]])?.first)
            let fields = try #require(result["fields"] as? [[String: Any]])
            #expect(fields.count == 9)
            for f in fields {
                let labels = "{path=\"block\",algorithm=\"lz4\",source=\"\(f["source"]!)\",field=\"\(f["field"]!)\"}"
                #expect(s["tmemctl_verify_field_predicted\(labels)"] == "\(f["predicted"]!)")
                #expect(s["tmemctl_verify_field_live\(labels)"] == "\(f["live"]!)")
            }
            try #require(Promtool.path != nil, Comment(rawValue: Promtool.missingReason))
            let check = try Promtool.checkMetrics(text)
            #expect(check.status == 0 && check.output.isEmpty, "\(check.output)")
        }
    }
}

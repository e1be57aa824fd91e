import Foundation
import Testing
import TmemCore
import TmemHost
import TmemTestSupport

/// `tmemctl advise` against the running kernel: the algorithms it ranks are the ones this kernel's zram lists, and
/// what it says each would cost is what the kernel's zram really takes for the same pages.
extension LiveKernelSuite {
    @Suite struct AdviseLive {
        @Test func eachAlgorithmsCostIsWhatTheKernelsZramTakes() throws {
            let pages = 700, seed: UInt64 = 23
            let r = try TmemctlRunner.run(["advise", "--builtin", "--pages", "\(pages)", "--seed", "\(seed)", "--json", "--no-cpu"])
            try #require(r.status == 0, "\(r.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let results = try #require(report["results"] as? [[String: Any]])
            let corpus = BuiltinCorpus.generate(pages: pages, seed: seed)
            let offered = try LiveKernel.exclusive { try LiveKernel.withScratchZram { try $0.algorithms().available } }
            let ranked = results.compactMap { $0["algorithm"] as? String }
            #expect(Set(ranked) == Set(offered.filter { CompressionAlgorithm(rawValue: $0) != nil }))
            #expect(ranked.count == Set(ranked).count, "this kernel takes no levels: one entry per algorithm")
            for entry in results {
                let name = try #require(entry["algorithm"] as? String)
                let live = try LiveKernel.exclusive {
                    try LiveKernel.withScratchZram { device in
                        try device.setAlgorithm(name)
                        try device.setDisksize(UInt64(pages) * UInt64(pageSize))
                        let io = try ZramBlockIO(device: device)
                        for i in 0..<corpus.pageCount { try corpus.withPage(i) { try io.writePage($0, at: i) } }
                        return try device.mmStat()
                    }
                }
                for (key, value) in [("mem_used_total", live.memUsedTotal), ("orig_data_size", live.origDataSize),
                                     ("compr_data_size", live.comprDataSize), ("same_pages", live.samePages),
                                     ("huge_pages", live.hugePages)] {
                    #expect((entry[key] as? NSNumber)?.uint64Value == value, "\(name) \(key): advise \(entry[key] ?? "nil"), kernel \(value)")
                }
            }
        }
    }
}

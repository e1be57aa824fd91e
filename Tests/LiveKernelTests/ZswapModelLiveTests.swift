import Testing
import TmemCore
import TmemHost
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The zswap model against the running kernel: a corpus copied into this process's anonymous memory and pushed
/// out with MADV_PAGEOUT to a scratch zram swap device with zswap (lzo) in front. With no frees in between, the
/// pool size does not depend on the order the kernel stores the pages in, so /proc/meminfo Zswap and Zswapped,
/// vmstat zswpout and swpout_zero, and the zram device's mm_stat (only the swap header page reaches it) are
/// compared exactly. Unmapping then frees every entry.
extension LiveKernelSuite {
    @Suite struct ZswapModelLive {
        static let madvPageout: Int32 = 21
        static let madvNoHugepage: Int32 = 15

        @Test func pageoutThroughZswapMatchesTheModel() throws {
            try LiveKernel.exclusive {
                let root = LiveKernel.root
                let zswap = Zswap(root: root)
                try #require(zswap.isAvailable)
                let baseline = try MemInfo.read(root: root)
                try #require(baseline.zswapped == 0, "zswap already holds pages; the comparison needs an empty zswap")
                try #require(try SwapControl(root: root).areas().isEmpty, "other swap is active")
                let saved = try zswap.parameters()
                defer {
                    // Restore what we changed, whatever happened (enabled last, as it was).
                    for p in [ZswapParameter.compressor, .maxPoolPercent, .acceptThresholdPercent, .enabled] {
                        if let v = saved[p] { try? zswap.set(p, to: v) }
                    }
                }
                try zswap.set(.compressor, to: "lzo")
                try zswap.set(.maxPoolPercent, to: "20")
                try zswap.set(.acceptThresholdPercent, to: "90")
                try zswap.set(.enabled, to: "Y")

                let corpus = BuiltinCorpus.generate(pages: 2000, seed: 31)
                let rules = ZswapRules.linux6_18
                let contents = PageAnalysis.analyze(corpus, algorithm: .lzo, for: rules.pageConsumer)
                let table = KernelFeatures.detect(root: root).classTable
                guard case .leastWaste(let chain) = table.rule else { Issue.record("not a 6.3+ kernel"); return }
                // #require, not `!`: a trap would skip the defers that put zswap (and later swap) back.
                let memTotal = try #require(baseline.memTotal)
                var model = ZswapModel(rules: rules, chainSize: chain, totalRamPages: Int(memTotal / 4096))
                for (i, c) in contents.enumerated() { model.store(offset: i + 1, c) }

                try LiveKernel.withScratchZram { device in
                    try device.setAlgorithm("lzo")
                    try device.setDisksize(UInt64(corpus.pageCount + 256) * UInt64(pageSize))
                    let signature = try SwapSignature(deviceSize: UInt64(corpus.pageCount + 256) * UInt64(pageSize))
                    try signature.write(to: device.devicePath)
                    try SwapControl(root: root).swapOn("dev/\(device.name)", priority: 32000)
                    defer { try? SwapControl(root: root).swapOff("dev/\(device.name)") }

                    let length = corpus.bytes.count
                    let region = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
                    try #require(region != MAP_FAILED)
                    var mapped = true
                    defer { if mapped { munmap(region, length) } }
                    _ = madvise(region, length, Self.madvNoHugepage)
                    corpus.bytes.withUnsafeBytes { region.copyMemory(from: $0.baseAddress!, byteCount: length) }

                    let vmBefore = try VMStat.read(root: root)
                    try #require(madvise(region, length, Self.madvPageout) == 0, "MADV_PAGEOUT: errno \(errno)")
                    let vmAfter = try VMStat.read(root: root)
                    let info = try MemInfo.read(root: root)
                    // Inside the active-swap scope: a missing counter must fail the test, not trap past swapoff.
                    func delta(_ name: String) throws -> Int {
                        Int(try #require(vmAfter[name], "no \(name) in vmstat")) - Int(try #require(vmBefore[name]))
                    }

                    #expect(try delta("swpout_zero") == model.swpoutZero)
                    #expect(try delta("zswpout") == model.zswpout)
                    #expect(try delta("pswpout") == 0)
                    #expect(info.zswapped == model.meminfoZswappedKB * 1024)
                    #expect(info.zswap == model.meminfoZswapKB * 1024)
                    #expect(try #require(model.counters.storedIncompressiblePages) > 0 && model.swpoutZero > 0)

                    // zram got only the swap header page.
                    var zram = ZramModel(classTable: table)
                    _ = signature.page.withUnsafeBytes { zram.write(index: 0, page: $0, compressor: PageCompressor(.lzo)) }
                    let live = try device.mmStat()
                    for (l, m) in zip(live.fields, zram.mmStat.fields) {
                        #expect(l.value == m.value, "zram under zswap: \(l.name)")
                    }

                    munmap(region, length)
                    mapped = false
                    for offset in 1...corpus.pageCount { model.invalidate(offset: offset) }
                    let after = try MemInfo.read(root: root)
                    #expect(after.zswapped == 0 && model.meminfoZswappedKB == 0)
                    #expect(after.zswap == 0 && model.meminfoZswapKB == 0)
                }
            }
        }
    

        /// The same pageout with zswap off: zero pages still go to the swap zeromap, every other page to zram
        /// (same-filled ones as ZRAM_SAME), plus the swap header. Pure writes, so order does not matter.
        @Test func pageoutToZramAloneMatchesTheModel() throws {
            try LiveKernel.exclusive {
                let root = LiveKernel.root
                let zswap = Zswap(root: root)
                try #require(try SwapControl(root: root).areas().isEmpty, "other swap is active")
                let saved = try zswap.parameters()
                defer { if let v = saved[.enabled] { try? zswap.set(.enabled, to: v) } }
                try zswap.set(.enabled, to: "N")

                let corpus = BuiltinCorpus.generate(pages: 2000, seed: 37)
                let table = KernelFeatures.detect(root: root).classTable
                let contents = PageAnalysis.analyze(corpus, algorithm: .lzoRle)
                let zeroPages = contents.filter(\.isZeroFilled).count

                try LiveKernel.withScratchZram { device in
                    try device.setAlgorithm("lzo-rle")
                    let size = UInt64(corpus.pageCount + 256) * UInt64(pageSize)
                    try device.setDisksize(size)
                    let signature = try SwapSignature(deviceSize: size)
                    try signature.write(to: device.devicePath)
                    let header = signature.page.withUnsafeBytes { PageAnalysis.analyze($0, compressor: PageCompressor(.lzoRle)) }
                    let zram = ZramPrediction.asSwap(contents, header: header, into: ZramModel(classTable: table))
                    try SwapControl(root: root).swapOn("dev/\(device.name)", priority: 32000)
                    defer { try? SwapControl(root: root).swapOff("dev/\(device.name)") }

                    let length = corpus.bytes.count
                    let region = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
                    try #require(region != MAP_FAILED)
                    defer { munmap(region, length) }
                    _ = madvise(region, length, Self.madvNoHugepage)
                    corpus.bytes.withUnsafeBytes { region.copyMemory(from: $0.baseAddress!, byteCount: length) }
                    let vmBefore = try VMStat.read(root: root)
                    try #require(madvise(region, length, Self.madvPageout) == 0, "MADV_PAGEOUT: errno \(errno)")
                    let vmAfter = try VMStat.read(root: root)
                    let delta = { (name: String) -> Int in Int(vmAfter[name]!) - Int(vmBefore[name]!) }
                    #expect(delta("swpout_zero") == zeroPages)
                    #expect(delta("pswpout") == corpus.pageCount - zeroPages)
                    #expect(delta("zswpout") == 0)
                    let live = try device.mmStat()
                    for (l, m) in zip(live.fields, zram.mmStat.fields) {
                        #expect(l.value == m.value, "zram as swap: \(l.name)")
                    }
                }
            }
        }
    }
}

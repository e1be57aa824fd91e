import Testing
import TmemCore
import TmemSimulation
import TmemHost
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernelSuite {
    /// Issue item 7 against the live kernel: pages pushed out of this process with MADV_PAGEOUT go through the
    /// real zswap (lzo, in front of a scratch zram swap device); /proc/self/pagemap says which pages were swapped,
    /// and /proc/meminfo gives zswap's pool (Zswap) and stored pages (Zswapped). The same pages, in address
    /// order, sent through the tmem frontswap path (zsmalloc pool, lzo) must give the same stored pages in the
    /// same pool pages, and so must the zswap model.
    @Suite struct TmemZswapLiveTests {
        static let madvPageout: Int32 = 21          // MADV_PAGEOUT (Linux 5.4+), not exported to Swift by Glibc
        static let madvNoHugepage: Int32 = 15       // MADV_NOHUGEPAGE

        @Test func frontswapPathStoresWhatLiveZswapStores() throws {
            try LiveKernel.exclusive {
                let root = LiveKernel.root
                let zswap = Zswap(root: root)
                try #require(zswap.isAvailable, "zswap is not built in")
                let savedEnabled = try #require(try zswap.value(.enabled))
                let savedCompressor = try #require(try zswap.value(.compressor))
                let before = try MemInfo.read(root: root)
                try #require(before.zswapped == 0, "zswap already holds pages; the pool would not be ours alone")

                let corpus = BuiltinCorpus.generate(pages: 2048, seed: 17)
                let n = corpus.pageCount
                try LiveKernel.withScratchZram { device in
                    try device.setDisksize(256 << 20)
                    try SwapSignature(deviceSize: 256 << 20).write(to: device.devicePath)
                    let swap = SwapControl(root: root)
                    try swap.swapOn("dev/\(device.name)", priority: 32000)
                    defer { try? swap.swapOff("dev/\(device.name)") }
                    // The restoring guard first: a failing set (say enabled after compressor) must still restore.
                    defer {
                        try? zswap.set(.enabled, to: savedEnabled)
                        try? zswap.set(.compressor, to: savedCompressor)
                    }
                    try zswap.set(.compressor, to: "lzo")
                    try zswap.set(.enabled, to: "Y")

                    let bytes = n * pageSize
                    let region = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
                    try #require(region != MAP_FAILED)
                    defer { munmap(region, bytes) }
                    _ = madvise(region, bytes, Self.madvNoHugepage)
                    corpus.bytes.withUnsafeBytes { region.copyMemory(from: $0.baseAddress!, byteCount: bytes) }
                    try #require(madvise(region, bytes, Self.madvPageout) == 0, "MADV_PAGEOUT: errno \(errno)")

                    let swapped = try swappedPages(region, count: n)
                    let after = try MemInfo.read(root: root)
                    let ops = swapped.enumerated().map { FrontswapZswapComparison.Op.store(slot: $0.offset, page: $0.element) }
                    let ours = FrontswapZswapComparison.viaFrontswap(ops, corpus: corpus, algorithm: .lzo, slots: n)
                    let model = FrontswapZswapComparison.viaZswapModel(ops, corpus: corpus, algorithm: .lzo)

                    // Most of the region must really have gone out, or the comparison proves little.
                    #expect(swapped.count > n / 2, "only \(swapped.count) of \(n) pages were swapped out")
                    let livePoolPages = Int(after.zswap ?? 0) / pageSize
                    let liveStored = Int(after.zswapped ?? 0) / pageSize
                    #expect(ours.storedPages == liveStored, "stored pages: tmem \(ours.storedPages), live zswap \(liveStored)")
                    #expect(ours.poolPages == livePoolPages, "pool pages: tmem \(ours.poolPages), live zswap \(livePoolPages)")
                    #expect(ours == model)
                }
            }
        }

        /// Indices of the region's pages whose pagemap entry is a swap entry (bit 62).
        func swappedPages(_ region: UnsafeMutableRawPointer, count: Int) throws -> [Int] {
            let fd = open("/proc/self/pagemap", O_RDONLY)
            try #require(fd >= 0)
            defer { close(fd) }
            var entries = [UInt64](repeating: 0, count: count)
            let offset = off_t(UInt(bitPattern: region) / UInt(pageSize) * 8)
            let want = count * 8
            let got = entries.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, offset) }
            try #require(got == want)
            return entries.indices.filter { entries[$0] & (1 << 62) != 0 }
        }
    }
}

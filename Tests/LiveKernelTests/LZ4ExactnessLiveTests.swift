import Foundation
import Testing
import CShim
import TmemCore
import TmemHost
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernelSuite {
    /// Our LZ4 encoder against the kernel's: pages are written one at a time to a scratch zram device
    /// using lz4, and compr_data_size must grow by exactly what cshim_lz4_compress returns for each page
    /// (4096 for pages zram stores raw, 0 for same-filled pages, which zram never compresses).
    @Suite struct LZ4KernelExactness {
        /// Compressed lengths from here on are stored raw: huge_class_size at zsmalloc chain size 8
        /// (kernel-abi.md §3.3).
        static let hugeClassSize = 3625

        @Test func everyPageCompressesToTheKernelsLength() throws {
            let pages = LZ4LivePages.collect()
            #expect(pages.count >= 1000)
            try LiveKernel.exclusive { () throws -> Void in
                try LiveKernel.withScratchZram { (device: ZramDevice) throws -> Void in
                    try device.write("comp_algorithm", "lz4")
                    try device.write("disksize", String(pages.count * pageSize))
                    try Self.check(pages, on: device)
                }
            }
        }

        /// O_DIRECT (Glibc hides it behind _GNU_SOURCE): bypass the page cache so every pwrite reaches zram
        /// as its own one-page bio before pwrite returns.
        #if arch(arm64)
        static let oDirect: Int32 = 0o200000
        #else
        static let oDirect: Int32 = 0o40000
        #endif

        static func check(_ pages: [(kind: String, bytes: [UInt8])], on device: ZramDevice) throws {
            let fd = open(device.devicePath, O_WRONLY | oDirect | O_CLOEXEC)
            try #require(fd >= 0, "open \(device.devicePath) with O_DIRECT: errno \(errno)")
            defer { close(fd) }
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: pageSize, alignment: pageSize)
            defer { buffer.deallocate() }
            // zram compresses into a 2-page buffer, so the kernel runs LZ4 without an output limit.
            let out = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * pageSize)
            defer { out.deallocate() }
            let work = UnsafeMutableRawPointer.allocate(byteCount: Int(CSHIM_LZ4_WRKMEM_SIZE), alignment: 8)
            defer { work.deallocate() }

            var before = try device.mmStat()
            var mismatches: [String] = []
            var compressedByKind: [String: Int] = [:]
            for (index, page) in pages.enumerated() {
                page.bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: pageSize) }
                let written = pwrite(fd, buffer, pageSize, off_t(index * pageSize))
                try #require(written == pageSize, "pwrite page \(index): errno \(errno)")
                let after = try device.mmStat()

                var expectedSize = 0
                var expectedHuge: UInt64 = 0
                var expectedSame: UInt64 = 0
                if case .sameFilled = PageClassifier.classify(page.bytes) {
                    expectedSame = 1
                } else {
                    let n = Int(cshim_lz4_compress(buffer.assumingMemoryBound(to: UInt8.self), pageSize,
                                                   out, 2 * pageSize, work))
                    if n >= hugeClassSize { expectedSize = pageSize; expectedHuge = 1 } else { expectedSize = n }
                    compressedByKind[page.kind, default: 0] += 1
                }
                let delta = Int(after.comprDataSize) - Int(before.comprDataSize)
                if delta != expectedSize || after.hugePages - before.hugePages != expectedHuge
                    || after.samePages - before.samePages != expectedSame {
                    mismatches.append("page \(index) (\(page.kind)): kernel +\(delta) B, "
                                      + "huge +\(after.hugePages - before.hugePages); ours \(expectedSize) B")
                }
                before = after
            }
            #expect(mismatches.isEmpty, "\(mismatches.count) of \(pages.count) pages differ: \(mismatches.prefix(10))")
            // The page set must really exercise the compressor on every kind of content.
            for kind in ["elf", "text", "anon", "random", "sparse", "late-match"] {
                #expect(compressedByKind[kind, default: 0] >= 4, "too few compressed \(kind) pages")
            }
        }
    }
}

/// About 1,500 varied pages: ELF shared objects, C headers and licence text, this process's anonymous
/// memory, and synthetic pages (random, sparse, periodic, same-filled, and pages built so that the one
/// position liblz4 >= 1.8.2 probes beyond the kernel holds a match).
enum LZ4LivePages {
    static func collect() -> [(kind: String, bytes: [UInt8])] {
        var pages: [(kind: String, bytes: [UInt8])] = []
        for file in files(under: "/usr/lib/x86_64-linux-gnu", every: 3, limit: 90, nameContains: ".so") {
            for p in spreadPages(of: file, count: 10) { pages.append(("elf", p)) }
        }
        for file in files(under: "/usr/include", every: 7, limit: 120, nameContains: ".h") {
            for p in spreadPages(of: file, count: 3) { pages.append(("text", p)) }
        }
        for file in files(under: "/usr/share/common-licenses", every: 1, limit: 20, nameContains: "") {
            for p in spreadPages(of: file, count: 8) { pages.append(("text", p)) }
        }
        for p in anonymousPages(limit: 250) { pages.append(("anon", p)) }
        pages += synthetic()
        return pages
    }

    /// Every `every`-th regular file (sorted, recursively) larger than 3 pages, up to `limit` files.
    static func files(under dir: String, every: Int, limit: Int, nameContains: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: dir) else { return [] }
        var all: [String] = []
        while let rel = walker.nextObject() as? String {
            guard nameContains.isEmpty || rel.contains(nameContains) else { continue }
            let path = dir + "/" + rel
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 3 * pageSize else { continue }
            all.append(path)
        }
        all.sort()
        return Array(stride(from: 0, to: all.count, by: every).map { all[$0] }.prefix(limit))
    }

    /// Up to `count` whole pages spread evenly over the file.
    static func spreadPages(of path: String, count: Int) -> [[UInt8]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let available = data.count / pageSize
        let take = min(count, available)
        return (0..<take).map { i in
            let page = i * available / take
            return [UInt8](data[(page * pageSize)..<((page + 1) * pageSize)])
        }
    }

    /// Nonzero pages of this process's private writable anonymous mappings, read through /proc/self/mem
    /// (unreadable pages are skipped instead of faulting).
    static func anonymousPages(limit: Int) -> [[UInt8]] {
        let root = LiveKernel.root
        guard let maps = try? root.read("proc/self/maps") else { return [] }
        let fd = open(root.absolute("proc/self/mem"), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var pages: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: pageSize)
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 5, fields[1].hasPrefix("rw"), fields.count == 5 || fields[5] == "[heap]" else { continue }
            let range = fields[0].split(separator: "-").compactMap { UInt64($0, radix: 16) }
            guard range.count == 2 else { continue }
            var address = range[0]
            var fromThisMapping = 0
            while address < range[1], fromThisMapping < 80, pages.count < limit {
                let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, pageSize, off_t(address)) }
                if n == pageSize, buffer.contains(where: { $0 != 0 }) {
                    pages.append(buffer)
                    fromThisMapping += 1
                }
                address += UInt64(pageSize)
            }
        }
        return pages
    }

    static func synthetic() -> [(kind: String, bytes: [UInt8])] {
        var rng = SplitMix64(seed: 0x1A4)
        func byte() -> UInt8 { UInt8(truncatingIfNeeded: rng.next()) }
        var pages: [(kind: String, bytes: [UInt8])] = []
        for _ in 0..<20 { pages.append(("random", (0..<pageSize).map { _ in byte() })) }
        for i in 0..<40 {
            var p = [UInt8](repeating: 0, count: pageSize)
            for _ in 0...(i % 30) {
                let at = Int(rng.next() % UInt64(pageSize))
                for j in at..<min(pageSize, at + Int(rng.next() % 24)) { p[j] = byte() }
            }
            pages.append(("sparse", p))
        }
        for period in [1, 2, 3, 5, 7, 12, 13, 100, 333] {
            let pattern = (0..<period).map { _ in byte() }
            var p = (0..<pageSize).map { pattern[$0 % period] }
            p[Int(rng.next() % UInt64(pageSize))] ^= 0x80
            pages.append(("periodic", p))
        }
        pages.append(("same-filled", [UInt8](repeating: 0, count: pageSize)))
        pages.append(("same-filled", (0..<pageSize).map { UInt8(truncatingIfNeeded: $0 % 8 &* 31) }))
        // Leading zeros, random bytes, trailing zeros: built so that liblz4 >= 1.8.2 finds a match the
        // kernel never looks for. The leading zeros are one match; the probe step then restarts at 1
        // and grows by the schedule. For the chosen lengths the last probe the kernel skips (its next
        // probe would be end - 11) is exactly where the trailing zeros begin: liblz4 matches them
        // against position 1, the kernel keeps them as literals. The leading zeros keep the page below
        // huge_class_size, so the difference reaches compr_data_size.
        var built = 0
        for zeros in 500..<700 where built < 8 {
            let probe = lastSkippedProbe(restartingAt: zeros + 1)
            guard probe.liblz4Probes else { continue }
            var p = (0..<pageSize).map { _ in byte() }
            for j in 0..<zeros { p[j] = 0 }
            p[zeros] |= 1  // the leading match must end exactly here
            for j in probe.position..<pageSize { p[j] = 0 }
            pages.append(("late-match", p))
            built += 1
        }
        return pages
    }

    /// The probe walk over a page with no match from `start` on: positions advance by `step`, which is
    /// 1 for the first probe and then (64 + probes so far) >> 6. The kernel stops once the next position
    /// would pass end - 12; liblz4 >= 1.8.2 only past end - 11.
    static func lastSkippedProbe(restartingAt start: Int) -> (position: Int, liblz4Probes: Bool) {
        var position = start
        var step = 1
        var probes = 64
        while true {
            let next = position + step
            step = probes >> 6
            probes += 1
            if next > pageSize - 12 { return (position, next == pageSize - 11) }
            position = next
        }
    }
}


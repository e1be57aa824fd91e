import Testing
import TmemCore
import TmemHost
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernelSuite {
    /// The kernel is the oracle: each page is written alone (O_DIRECT, its own slot) to a fresh zram
    /// device, and mm_stat's compr_data_size must grow by exactly our compressed length (4096 for a huge
    /// page, 0 for a same-filled one), with same_pages and huge_pages moving as docs/kernel-notes.md#zram-write-accounting says.
    @Suite struct CompressorExactnessLive {
        struct Mismatch: CustomStringConvertible {
            let index: Int, source: String, field: String, expected: Int64, actual: Int64
            var description: String { "page \(index) (\(source)): \(field) +\(actual), expected +\(expected)" }
        }

        @Test(arguments: CompressionAlgorithm.allCases)
        func everyPageAddsExactlyOurCompressedLength(_ algorithm: CompressionAlgorithm) throws {
            let set = try RealPageSet.shared.get()
            #expect(set.pages.count >= 2000)
            try LiveKernel.exclusive { () throws -> Void in
                try LiveKernel.withScratchZram { (device: ZramDevice) throws -> Void in
                    guard try device.algorithms().available.contains(algorithm.rawValue) else {
                        print("\(device.name): kernel does not offer \(algorithm.rawValue); nothing to compare")
                        return
                    }
                    try device.setAlgorithm(algorithm.rawValue)
                    try device.setDisksize(UInt64((set.pages.count + 16) * pageSize))
                    let huge = KernelFeatures.detect(root: LiveKernel.root).hugeClassSize
                    let io = try ZramBlockIO(device: device)
                    let compressor = PageCompressor(algorithm)
                    var mismatches: [Mismatch] = []
                    var before = try device.mmStat()
                    var hugeCount = 0, sameCount = 0
                    var compressedBySource: [String: Int] = [:]
                    for (i, page) in set.pages.enumerated() {
                        var expectCompr = 0, expectSame = 0, expectHuge = 0
                        switch PageClassifier.classify(page.bytes) {
                        case .sameFilled: expectSame = 1; sameCount += 1
                        case .other:
                            let n = compressor.compress(page.bytes)
                            compressedBySource[page.source, default: 0] += 1
                            if n >= huge { expectCompr = pageSize; expectHuge = 1; hugeCount += 1 } else { expectCompr = n }
                        }
                        try io.writePage(page.bytes, at: i)
                        let after = try device.mmStat()
                        func check(_ field: String, _ a: UInt64, _ b: UInt64, _ expected: Int) {
                            let delta = Int64(bitPattern: a &- b)
                            if delta != Int64(expected) {
                                mismatches.append(Mismatch(index: i, source: page.source, field: field,
                                                           expected: Int64(expected), actual: delta))
                            }
                        }
                        check("compr_data_size", after.comprDataSize, before.comprDataSize, expectCompr)
                        check("orig_data_size", after.origDataSize, before.origDataSize, pageSize)
                        check("same_pages", after.samePages, before.samePages, expectSame)
                        check("huge_pages", after.hugePages, before.hugePages, expectHuge)
                        before = after
                    }
                    let sources = set.countsBySource.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                    print("live exactness \(algorithm.rawValue): \(set.pages.count) pages (\(sources.joined(separator: ", ")); "
                          + "same \(sameCount), huge \(hugeCount) at huge_class_size \(huge)), mismatches \(mismatches.count)")
                    // Every source must really reach the compressor, or the test proves less than it says.
                    for (source, count) in compressedBySource where source != "same" {
                        #expect(count >= 4, "only \(count) compressed \(source) pages")
                    }
                    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8).map(\.description))")
                }
            }
        }
    }
}

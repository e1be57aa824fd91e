import Testing
import TmemCore
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    @Suite struct ZramBlockIOLive {
        /// Pages written with O_DIRECT come back byte for byte (through the kernel's own decompressor), a
        /// never-written slot reads as zeros (docs/kernel-notes.md#zram-io-and-discard), and writing past disksize fails with an error.
        @Test func pagesComeBackAndUnwrittenSlotsReadAsZeros() throws {
            try LiveKernel.exclusive { () throws -> Void in
                try LiveKernel.withScratchZram { (device: ZramDevice) throws -> Void in
                    try device.setDisksize(UInt64(64 * pageSize))
                    let io = try ZramBlockIO(device: device)
                    let corpus = BuiltinCorpus.generate(pages: 48, seed: 8)
                    for i in 0..<corpus.pageCount { try io.writePage(corpus.page(i), at: i) }
                    var back = [UInt8](repeating: 0xFF, count: pageSize)
                    var differing: [Int] = []
                    for i in 0..<corpus.pageCount {
                        try back.withUnsafeMutableBytes { try io.readPage(at: i, into: $0) }
                        if back != corpus.page(i) { differing.append(i) }
                    }
                    #expect(differing.isEmpty)
                    try back.withUnsafeMutableBytes { try io.readPage(at: 60, into: $0) }
                    #expect(back.allSatisfy { $0 == 0 })
                    #expect(throws: HostError.self) { try io.writePage(corpus.page(0), at: 64) }
                }
            }
        }
    }
}

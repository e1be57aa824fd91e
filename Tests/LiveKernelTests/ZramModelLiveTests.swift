import Testing
import TmemCore
import TmemHost
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The zram model against the running kernel: the same pages written with O_DIRECT, in order, to a fresh scratch
/// device, and every mm_stat field compared. Chain size and huge threshold come from the running kernel.
extension LiveKernelSuite {
    @Suite struct ZramModelLive {
        static let table = KernelFeatures.detect(root: LiveKernel.root).classTable

        /// A fresh device with `algorithm` and room for `pages` pages; body gets the device and its block I/O.
        static func withDevice<T>(_ algorithm: CompressionAlgorithm, pages: Int, memLimit: UInt64 = 0,
                                  _ body: (ZramDevice, ZramBlockIO) throws -> T) throws -> T {
            try LiveKernel.withScratchZram { device in
                try device.setAlgorithm(algorithm.rawValue)
                if memLimit != 0 { try device.setMemLimit(memLimit) }
                try device.setDisksize(UInt64(pages) * UInt64(pageSize))
                let io = try ZramBlockIO(device: device)
                return try body(device, io)
            }
        }

        /// BLKDISCARD on whole pages [first, first + count).
        static func discard(_ device: ZramDevice, first: Int, count: Int) throws {
            let fd = open(device.devicePath, O_WRONLY | O_CLOEXEC)
            try #require(fd >= 0, "open \(device.devicePath): errno \(errno)")
            defer { close(fd) }
            var range: [UInt64] = [UInt64(first * pageSize), UInt64(count * pageSize)]
            let blkdiscard: UInt = 0x1277       // _IO(0x12, 119)
            let r = range.withUnsafeMutableBufferPointer { ioctl(fd, blkdiscard, $0.baseAddress!) }
            try #require(r == 0, "BLKDISCARD \(first)+\(count): errno \(errno)")
        }

        static func expectSame(_ live: MMStat, _ model: MMStat, _ what: String) {
            for (l, m) in zip(live.fields, model.fields) {
                #expect(l.value == m.value, "\(what): \(l.name) live \(l.value.map(String.init) ?? "-") model \(m.value.map(String.init) ?? "-")")
            }
        }

        /// The built-in mix, 3000 pages (≈12 MiB), written in order: exact on all nine fields.
        @Test(arguments: CompressionAlgorithm.allCases)
        func builtinCorpusWrittenInOrderMatchesExactly(_ algorithm: CompressionAlgorithm) throws {
            guard LiveKernel.zramOffers(algorithm.rawValue) else { return }
            let corpus = BuiltinCorpus.generate(pages: 3000, seed: 11)
            let predicted = ZramPrediction.mmStat(corpus: corpus, algorithm: algorithm, classTable: Self.table)
            let live = try LiveKernel.exclusive {
                try Self.withDevice(algorithm, pages: corpus.pageCount) { device, io in
                    for i in 0..<corpus.pageCount { try corpus.withPage(i) { try io.writePage($0, at: i) } }
                    return try device.mmStat()
                }
            }
            Self.expectSame(live, predicted, "\(algorithm.rawValue), built-in 3000 pages")
            #expect(predicted.hugePages > 0 && predicted.samePages > 0)
        }

        /// A captured corpus: this test process's own anonymous memory (heap, mmaps), as `corpus capture` takes it.
        @Test(arguments: CompressionAlgorithm.allCases)
        func capturedProcessMemoryMatchesExactly(_ algorithm: CompressionAlgorithm) throws {
            guard LiveKernel.zramOffers(algorithm.rawValue) else { return }
            let corpus = try ProcessMemory(pid: getpid(), root: LiveKernel.root).capture(maxPages: 2500)
            #expect(corpus.pageCount >= 100)
            let predicted = ZramPrediction.mmStat(corpus: corpus, algorithm: algorithm, classTable: Self.table)
            let live = try LiveKernel.exclusive {
                try Self.withDevice(algorithm, pages: corpus.pageCount) { device, io in
                    for i in 0..<corpus.pageCount { try corpus.withPage(i) { try io.writePage($0, at: i) } }
                    return try device.mmStat()
                }
            }
            Self.expectSame(live, predicted, "\(algorithm.rawValue), own process memory, \(corpus.pageCount) pages")
        }

        /// mem_limit at a third of what the corpus needs: the model predicts which writes fail with ENOMEM
        /// (checked after allocation) and what mem_used_max reaches (above the limit).
        @Test func memLimitRejectionsMatch() throws {
            let algorithm = CompressionAlgorithm.lzo
            let corpus = BuiltinCorpus.generate(pages: 1500, seed: 5)
            let contents = PageAnalysis.analyze(corpus, algorithm: algorithm)
            let unlimited = ZramPrediction.write(contents, into: ZramModel(classTable: Self.table)).mmStat
            let limit = unlimited.memUsedTotal / 3
            var model = ZramModel(classTable: Self.table, memLimit: limit)
            var predictedFailures: [Int] = []
            for (i, c) in contents.enumerated() {
                if case .failure = model.write(index: i, c) { predictedFailures.append(i) }
            }
            try #require(!predictedFailures.isEmpty)
            let (liveFailures, live) = try LiveKernel.exclusive {
                try Self.withDevice(algorithm, pages: corpus.pageCount, memLimit: limit) { device, io in
                    var failures: [Int] = []
                    for i in 0..<corpus.pageCount {
                        do { try corpus.withPage(i) { try io.writePage($0, at: i) } } catch { failures.append(i) }
                    }
                    return (failures, try device.mmStat())
                }
            }
            #expect(liveFailures == predictedFailures)
            Self.expectSame(live, model.mmStat, "lzo with mem_limit \(limit)")
            #expect(model.mmStat.memUsedMax > limit)
        }

        /// Overwriting a slot allocates the new object before freeing the old one (6.18's "zram: fix slot write
        /// race condition"): k copies of one page fill a zspage exactly; overwriting slot 0 then needs a second
        /// zspage, which stays. Freeing first would have reused the slot (mem_used_total and max one zspage).
        @Test func overwriteAllocatesBeforeFreeing() throws {
            let algorithm = CompressionAlgorithm.lzo
            let corpus = BuiltinCorpus.generate(pages: 200, seed: 2)
            let compressor = PageCompressor(algorithm)
            let chosen = try #require((0..<corpus.pageCount).first { i in
                let c = corpus.withPage(i) { PageAnalysis.analyze($0, compressor: compressor) }
                guard let n = c.compressedLength, n < Self.table.hugeClassSize else { return false }
                return Self.table.sizeClass(forRequest: n).objectsPerZspage <= 40
            })
            let content = corpus.withPage(chosen) { PageAnalysis.analyze($0, compressor: compressor) }
            let cls = Self.table.sizeClass(forRequest: content.compressedLength!)
            let k = cls.objectsPerZspage
            var model = ZramModel(classTable: Self.table)
            for i in 0..<k { model.write(index: i, content) }
            model.write(index: 0, content)
            #expect(model.mmStat.memUsedTotal == UInt64(2 * cls.pagesPerZspage * pageSize))
            let live = try LiveKernel.exclusive {
                try Self.withDevice(algorithm, pages: k) { device, io in
                    try corpus.withPage(chosen) { page in
                        for i in 0..<k { try io.writePage(page, at: i) }
                        try io.writePage(page, at: 0)
                    }
                    return try device.mmStat()
                }
            }
            Self.expectSame(live, model.mmStat, "overwrite of a slot in a full zspage (\(cls))")
        }

        /// Interleaved random writes, overwrites, discards and compactions (no phases), checked every 500
        /// operations: the fullness-group and list-head order decide mem_used_total here (kernel-abi §3.5).
        @Test func interleavedRandomOperationsMatch() throws {
            let algorithm = CompressionAlgorithm.lzoRle
            let corpus = BuiltinCorpus.generate(pages: 3000, seed: 41)
            let contents = PageAnalysis.analyze(corpus, algorithm: algorithm)
            let slots = 1500
            var rng = SplitMix64(seed: 7)
            enum Op { case write(slot: Int, page: Int), discard(first: Int, count: Int), compact }
            let ops: [Op] = (0..<6000).map { _ in
                let r = rng.next() % 100
                if r < 75 { return .write(slot: Int(rng.next() % UInt64(slots)), page: Int(rng.next() % 3000)) }
                if r < 99 {
                    let n = 1 + Int(rng.next() % 16)
                    return .discard(first: Int(rng.next() % UInt64(slots - n)), count: n)
                }
                return .compact
            }
            var model = ZramModel(classTable: Self.table)
            var predicted: [MMStat] = []
            for (k, op) in ops.enumerated() {
                switch op {
                case .write(let slot, let page): model.write(index: slot, contents[page])
                case .discard(let first, let count): model.discard(indices: first..<(first + count))
                case .compact: model.compact()
                }
                if k % 500 == 499 { predicted.append(model.mmStat) }
            }
            let live: [MMStat] = try LiveKernel.exclusive {
                try Self.withDevice(algorithm, pages: slots) { device, io in
                    var stats: [MMStat] = []
                    for (k, op) in ops.enumerated() {
                        switch op {
                        case .write(let slot, let page): try corpus.withPage(page) { try io.writePage($0, at: slot) }
                        case .discard(let first, let count): try Self.discard(device, first: first, count: count)
                        case .compact: try device.compact()
                        }
                        if k % 500 == 499 { stats.append(try device.mmStat()) }
                    }
                    return stats
                }
            }
            for (i, (l, m)) in zip(live, predicted).enumerated() {
                Self.expectSame(l, m, "after \((i + 1) * 500) interleaved operations")
            }
            #expect(predicted.last!.pagesCompacted > 0)
        }

        /// Mixed writes, discards, overwrites and compaction (kernel-abi §10.11: never validated before):
        /// after each phase, all nine fields.
        @Test(arguments: [CompressionAlgorithm.lzoRle, .lzo])
        func mixedWritesDiscardsAndCompactionMatch(_ algorithm: CompressionAlgorithm) throws {
            let corpus = BuiltinCorpus.generate(pages: 2400, seed: 23)
            let contents = PageAnalysis.analyze(corpus, algorithm: algorithm)
            let slots = 2000
            var rng = SplitMix64(seed: 99)
            // Phase plan: write 0..<2000; discard 40 random ranges; overwrite 300 random slots with pages
            // 2000..<2300; discard 20 more ranges; compact; write the last 100 pages to random slots.
            var plan: [(String, [(op: Character, slot: Int, page: Int, count: Int)])] = []
            plan.append(("initial writes", (0..<slots).map { ("w", $0, $0, 1) }))
            plan.append(("discards", (0..<40).map { _ in
                ("d", Int(rng.next() % UInt64(slots - 64)), 0, 1 + Int(rng.next() % 64)) }))
            plan.append(("overwrites", (0..<300).map { k in ("w", Int(rng.next() % UInt64(slots)), slots + k, 1) }))
            plan.append(("more discards", (0..<20).map { _ in
                ("d", Int(rng.next() % UInt64(slots - 32)), 0, 1 + Int(rng.next() % 32)) }))
            plan.append(("compact", [("c", 0, 0, 0)]))
            plan.append(("writes after compaction", (0..<100).map { k in
                ("w", Int(rng.next() % UInt64(slots)), slots + 300 + k, 1) }))

            var model = ZramModel(classTable: Self.table)
            var predicted: [MMStat] = []
            for (_, ops) in plan {
                for op in ops {
                    switch op.op {
                    case "w": model.write(index: op.slot, contents[op.page])
                    case "d": model.discard(indices: op.slot..<(op.slot + op.count))
                    default: model.compact()
                    }
                }
                predicted.append(model.mmStat)
            }
            let live: [MMStat] = try LiveKernel.exclusive {
                try Self.withDevice(algorithm, pages: slots) { device, io in
                    var stats: [MMStat] = []
                    for (_, ops) in plan {
                        for op in ops {
                            switch op.op {
                            case "w": try corpus.withPage(op.page) { try io.writePage($0, at: op.slot) }
                            case "d": try Self.discard(device, first: op.slot, count: op.count)
                            default: try device.compact()
                            }
                        }
                        stats.append(try device.mmStat())
                    }
                    return stats
                }
            }
            for (i, (name, _)) in plan.enumerated() {
                Self.expectSame(live[i], predicted[i], "\(algorithm.rawValue) after \(name)")
            }
            #expect(predicted[4].pagesCompacted > 0)
        }
    }
}

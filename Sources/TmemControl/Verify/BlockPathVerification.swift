import TmemCore
import TmemHost

/// `tmemctl verify --path block`: the corpus written page by page, in order, with O_DIRECT to a fresh zram
/// device, against the zram model writing the same pages to slots 0, 1, 2, ... (docs/kernel-notes.md#zram-prediction).
public enum BlockPathVerification {
    public static func run(corpus: PageCorpus, algorithm: CompressionAlgorithm,
                           settings: VerifySettings) throws -> AlgorithmVerification {
        try run(corpus: corpus, compressor: CompressorSettings(algorithm, path: settings.compressionPath),
                settings: settings)
    }

    /// With explicit compressor settings; `perPage` also reads mm_stat after every page and compares each page's
    /// compr_data_size growth with the model's length for it; `writeback` runs writeback steps after the corpus
    /// and compares mm_stat, bd_stat and io_stat after them (`WritebackVerification`).
    public static func run(corpus: PageCorpus, compressor: CompressorSettings, settings: VerifySettings,
                           perPage: Bool = false, writeback: WritebackRequest? = nil) throws -> AlgorithmVerification {
        let algorithm = compressor.algorithm
        let exactness = CompressorExactness.of(compressor, era: settings.era)
        let disksize = UInt64(corpus.pageCount) * UInt64(pageSize)
        // The model first: it needs no device, so an interruption here leaves nothing behind.
        // A window of results at a time: what outlives it is the model, how many pages had each compressed length
        // (for the allowances) and, with --per-page only, each page's predicted size.
        var model = ZramModel(classTable: settings.classTable, disksize: disksize)
        model.reserveSlots(corpus.pageCount)
        let huge = settings.classTable.hugeClassSize
        var lengths = CompressedLengths()
        var predictedPages: [Int] = []
        PageAnalysis.forEachWindow(corpus, compressor: compressor, for: .zram, threads: settings.threads) { first, contents in
            for (k, c) in contents.enumerated() {
                model.write(index: first + k, c)
                lengths.add(c)
                if perPage { predictedPages.append(c.compressedLength.map { $0 >= huge ? pageSize : $0 } ?? 0) }
            }
        }
        let backingSize = try writeback.map { try BlockDeviceNode(path: $0.backingDevice, root: settings.root).sizeBytes() }
        let prediction = writeback.map {
            WritebackVerification.predict(model, request: $0, backingSize: backingSize ?? 0, pages: corpus.pageCount,
                                          syntax: settings.writebackSyntax)
        }
        try Interruption.check()

        let (result, failures) = try CleanupStack.run { cleanup -> AlgorithmVerification in
            let scratch = try ScratchZram.create(root: settings.root, purpose: "verify --path block", cleanup: cleanup)
            let device = scratch.device
            if let skip = try unsupported(algorithm, on: device) { return .skipped(algorithm, reason: skip) }
            if compressor.algorithmParams != nil, !device.has(.algorithmParams) {
                return .skipped(algorithm, reason: "\(compressor): this kernel has no algorithm_params (Linux 6.12+) to set a level with")
            }
            if let writeback, let why = WritebackVerification.unsupported(writeback, on: device, settings: settings) {
                return .skipped(algorithm, reason: why)
            }
            try scratch.configure(ZramSetupRequest(disksize: disksize, algorithm: algorithm.rawValue,
                                                   algorithmParams: compressor.algorithmParams,
                                                   backingDevice: writeback?.backingDevice))
            let livePages = try writeCorpus(corpus, to: device, measuringEachPage: perPage)
            if let writeback, let prediction, let backingSize {
                let liveSteps = try WritebackVerification.runSteps(writeback.steps, on: device, syntax: settings.writebackSyntax)
                let mm = try device.mmStat(), bd = try device.bdStat(), io = try device.ioStat()
                let differing = try WritebackVerification.readBack(corpus, from: device)
                let bdBack = try device.bdStat()
                guard let bd, let bdBack else {
                    return .skipped(algorithm, reason: "\(device.name) has no bd_stat (CONFIG_ZRAM_WRITEBACK)")
                }
                let fields = WritebackVerification.compare(prediction, liveSteps: liveSteps, mm: mm, bd: bd, io: io,
                                                           differing: differing, bdAfterReadBack: bdBack,
                                                           countsInvalidIo: settings.countsInvalidIo)
                return AlgorithmVerification(algorithm: algorithm, device: device.name, fields: fields, notes: [
                    "\(corpus.pageCount) pages written with O_DIRECT to \(device.name) (disksize \(disksize))",
                    WritebackVerification.notes(prediction, liveSteps: liveSteps, request: writeback, backingSize: backingSize)])
            }
            let live = try device.mmStat()
            var notes = ["\(corpus.pageCount) pages written with O_DIRECT to \(device.name) (disksize \(disksize)\(compressor.algorithmParams.map { ", algorithm_params \($0)" } ?? ""))"]
            var fields = model.mmStat.compared(with: live, allowances: allowances(model.mmStat, lengths: lengths,
                                                                                  huge: huge, exactness: exactness))
            var comparison: PerPageComparison?
            if let livePages {
                let c = PerPageComparison(predicted: predictedPages, live: livePages)
                fields += c.comparisons(bound: exactness.bound)
                comparison = c
                notes.append("per page: mm_stat read after each page; \(c.different) of \(c.pages) pages differ, at most \(c.maxDifference) bytes, \(c.totalDifference) bytes in all")
            }
            var v = AlgorithmVerification(algorithm: algorithm, device: device.name, fields: fields, notes: notes)
            v.perPage = comparison
            return v
        }
        var checked = result.withCleanupFailures(failures).labelled(compressor, exactness: exactness)
        if failures.isEmpty, !checked.notes.isEmpty { checked.notes[0] += ", then removed" }
        return checked
    }

    /// For a bounded compressor, how far each size field may be from the model: compr_data_size and
    /// mem_used_total (and mem_used_max) by the measured percentage, huge_pages by the pages whose predicted
    /// length is within the per-page bound of huge_class_size (they may land on either side; every compressed page
    /// where there is no per-page bound).
    static func allowances(_ m: MMStat, lengths: CompressedLengths, huge: Int,
                           exactness: CompressorExactness) -> [String: (UInt64, String)] {
        guard let b = exactness.bound else { return [:] }
        let why = "bounded compressor: \(b.cause)"
        // Without a per-page bound any compressed page may land on either side.
        let nearHuge = UInt64(lengths.pages { abs($0 - huge) <= b.pageBytes ?? pageSize })
        return [
            "compr_data_size": (CompressionBound.allowance(m.comprDataSize, percent: b.comprDataSizePercent), why),
            "mem_used_total": (CompressionBound.allowance(m.memUsedTotal, percent: b.memUsedTotalPercent), why),
            "mem_used_max": (CompressionBound.allowance(m.memUsedMax, percent: b.memUsedTotalPercent), why),
            "huge_pages": (nearHuge, why + "; pages within the bound of huge_class_size"),
            "huge_pages_since": (nearHuge, why + "; pages within the bound of huge_class_size"),
        ]
    }

    /// nil when the device offers the algorithm, else why not.
    static func unsupported(_ algorithm: CompressionAlgorithm, on device: ZramDevice) throws(HostError) -> String? {
        let list = try device.algorithms()
        if list.available.contains(algorithm.rawValue) { return nil }
        return "\(algorithm.rawValue) is not built into this kernel's zram (available: \(list.availableText))"
    }

    /// Page i to slot i, one O_DIRECT write each, checking for Ctrl-C between pages. Measuring, it returns each
    /// page's compr_data_size growth (mm_stat read before and after every write).
    @discardableResult
    static func writeCorpus(_ corpus: PageCorpus, to device: ZramDevice, measuringEachPage: Bool = false) throws -> [Int]? {
        let io = try ZramBlockIO(device: device)
        var sizes: [Int]? = measuringEachPage ? [] : nil
        var before = measuringEachPage ? try device.mmStat().comprDataSize : 0
        try corpus.forEachChunk { first, chunk in
            for k in 0..<(chunk.count / pageSize) {
                try Interruption.check()
                try io.writePage(UnsafeRawBufferPointer(rebasing: chunk[k * pageSize ..< (k + 1) * pageSize]), at: first + k)
                if measuringEachPage {
                    let after = try device.mmStat().comprDataSize
                    sizes!.append(Int(Int64(bitPattern: after &- before)))
                    before = after
                }
            }
        }
        return sizes
    }
}

/// How many pages were compressed to each length: what the allowances need of every page, in memory that does not
/// grow with the corpus (one entry per distinct length).
struct CompressedLengths {
    private var counts: [Int: Int] = [:]

    mutating func add(_ c: PageContent) {
        if let n = c.compressedLength { counts[n, default: 0] += 1 }
    }

    /// The compressed pages whose length satisfies `test`.
    func pages(where test: (Int) -> Bool) -> Int {
        counts.reduce(0) { $0 + (test($1.key) ? $1.value : 0) }
    }
}

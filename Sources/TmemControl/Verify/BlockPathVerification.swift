import TmemCore
import TmemHost

/// `tmemctl verify --path block`: the corpus written page by page, in order, with O_DIRECT to a fresh zram
/// device, against the zram model writing the same pages to slots 0, 1, 2, ... (docs/kernel-notes.md#zram-prediction).
public enum BlockPathVerification {
    public static func run(corpus: PageCorpus, algorithm: CompressionAlgorithm,
                           settings: VerifySettings) throws -> AlgorithmVerification {
        let disksize = UInt64(corpus.pageCount) * UInt64(pageSize)
        // The model first: it needs no device, so an interruption here leaves nothing behind.
        let contents = PageAnalysis.analyze(corpus, algorithm: algorithm, for: .zram, threads: settings.threads)
        var model = ZramModel(classTable: settings.classTable, disksize: disksize)
        for (i, c) in contents.enumerated() { model.write(index: i, c) }
        try Interruption.check()

        let (result, failures) = try CleanupStack.run { cleanup -> AlgorithmVerification in
            let scratch = try ScratchZram.create(root: settings.root, purpose: "verify --path block", cleanup: cleanup)
            let device = scratch.device
            if let skip = try unsupported(algorithm, on: device) { return .skipped(algorithm, reason: skip) }
            try scratch.configure(ZramSetupRequest(disksize: disksize, algorithm: algorithm.rawValue))
            try writeCorpus(corpus, to: device)
            let live = try device.mmStat()
            let notes = ["\(corpus.pageCount) pages written with O_DIRECT to \(device.name) (disksize \(disksize))"]
            return AlgorithmVerification(algorithm: algorithm, device: device.name,
                                         fields: model.mmStat.compared(with: live), notes: notes)
        }
        var checked = result.withCleanupFailures(failures)
        if failures.isEmpty, !checked.notes.isEmpty { checked.notes[0] += ", then removed" }
        return checked
    }

    /// nil when the device offers the algorithm, else why not.
    static func unsupported(_ algorithm: CompressionAlgorithm, on device: ZramDevice) throws(HostError) -> String? {
        let list = try device.algorithms()
        if list.available.contains(algorithm.rawValue) { return nil }
        return "\(algorithm.rawValue) is not built into this kernel's zram (available: \(list.availableText))"
    }

    /// Page i to slot i, one O_DIRECT write each, checking for Ctrl-C between pages.
    static func writeCorpus(_ corpus: PageCorpus, to device: ZramDevice) throws {
        let io = try ZramBlockIO(device: device)
        try corpus.bytes.withUnsafeBytes { all in
            for i in 0..<corpus.pageCount {
                try Interruption.check()
                try io.writePage(UnsafeRawBufferPointer(rebasing: all[i * pageSize ..< (i + 1) * pageSize]), at: i)
            }
        }
    }
}

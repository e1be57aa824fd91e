import TmemCore
import TmemHost

/// One `tmemctl verify`: for each algorithm, the model's prediction and the live kernel's numbers side by side.
/// Signals only set a flag while it runs; the next checkpoint unwinds everything the run created and rethrows
/// `Interrupted`.
public enum VerifyRun {
    public static func run(corpus: PageCorpus, info: VerifyReport.Corpus, algorithms: [CompressionAlgorithm],
                           path: VerifyPath, zswap: Bool, settings: VerifySettings,
                           progress: (String) -> Void = { _ in }) throws -> VerifyReport {
        try run(corpus: corpus, info: info,
                compressors: algorithms.map { CompressorSettings($0, path: settings.compressionPath) },
                path: path, zswap: zswap, settings: settings, progress: progress)
    }

    /// With explicit compressor settings (levels, window bits); `perPage` (block path only) also compares every
    /// page's compressed size as the kernel accounted it.
    public static func run(corpus: PageCorpus, info: VerifyReport.Corpus, compressors: [CompressorSettings],
                           path: VerifyPath, zswap: Bool, settings: VerifySettings, perPage: Bool = false,
                           writeback: WritebackRequest? = nil,
                           progress: (String) -> Void = { _ in }) throws -> VerifyReport {
        if path == .swap { try SwapPathVerification.preflight(root: settings.root, zswap: zswap) }
        if !settings.root.isPrivileged {
            throw HostError(subject: "verify", action: "cannot create a zram device: not root, cannot read", path: ZramControl(root: settings.root).hotAddPath,
                            errno: .permissionDenied, hint: "verify writes the corpus to a zram device it creates: run as root")
        }
        Interruption.install()
        defer { Interruption.restore() }
        var results: [AlgorithmVerification] = []
        do {
            for compressor in compressors {
                let algorithm = compressor.algorithm
                try Interruption.check()
                progress("verifying \(compressor) on the \(path.rawValue) path\(zswap ? " with zswap" : "")\(perPage ? ", page by page" : "")\(writeback.map { ", then writeback to \($0.backingDevice)" } ?? "")")
                switch path {
                case .block:
                    results.append(try BlockPathVerification.run(corpus: corpus, compressor: compressor, settings: settings,
                                                                 perPage: perPage, writeback: writeback))
                case .swap:
                    results.append(try SwapPathVerification.run(corpus: corpus, algorithm: algorithm, zswap: zswap,
                                                                settings: settings))
                }
            }
            // A signal during the last cleanup still means the admin asked to stop: no report.
            try Interruption.check()
        } catch var e as Interrupted {
            // What earlier algorithms failed to remove is left behind as well: name it.
            e.cleanupFailures = results.flatMap(\.cleanupFailures) + e.cleanupFailures
            throw e
        }
        return VerifyReport(corpus: info, path: path, zswap: zswap, kernel: settings.kernel, results: results)
    }
}

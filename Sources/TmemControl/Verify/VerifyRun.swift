import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// One `tmemctl verify`: for each algorithm, the model's prediction and the live kernel's numbers side by side.
/// Signals only set a flag while it runs; the next checkpoint unwinds everything the run created and rethrows
/// `Interrupted`.
public enum VerifyRun {
    public static func run(corpus: PageCorpus, info: VerifyReport.Corpus, algorithms: [CompressionAlgorithm],
                           path: VerifyPath, zswap: Bool, settings: VerifySettings,
                           progress: (String) -> Void = { _ in }) throws -> VerifyReport {
        if path == .swap { try SwapPathVerification.preflight(root: settings.root, zswap: zswap) }
        if settings.root.isLive && geteuid() != 0 {
            throw HostError(subject: "verify", action: "cannot create a zram device: not root, cannot read", path: "/sys/class/zram-control/hot_add",
                            errno: .permissionDenied, hint: "verify writes the corpus to a zram device it creates: run as root")
        }
        Interruption.install()
        defer { Interruption.restore() }
        var results: [AlgorithmVerification] = []
        do {
            for algorithm in algorithms {
                try Interruption.check()
                progress("verifying \(algorithm.rawValue) on the \(path.rawValue) path\(zswap ? " with zswap" : "")")
                switch path {
                case .block:
                    results.append(try BlockPathVerification.run(corpus: corpus, algorithm: algorithm, settings: settings))
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

import TmemCore
import TmemHost

/// `tmemctl bench startup`: the wall time of one whole `tmemctl status` (exec, dynamic loading, start-up, the
/// sysfs reads, exit) against `zramctl` listing the same devices, as a script or udev feels them. Runs come in
/// pairs, one of each, alternating which goes first, and the ratio is the median of the per-pair ratios
/// (docs/kernel-notes.md#benchmark-noise: absolute times drift on this machine, ratios of neighbours do not).
public enum StartupBench {
    /// At most twice zramctl's time.
    public static let target = 2.0
    /// Unreported runs of each first, so that both start with their files in the page cache.
    public static let warmupRuns = 3

    public struct Spread: Codable, Equatable, Sendable {
        public var min: Double
        public var max: Double
    }

    public struct Side: Codable, Equatable, Sendable {
        /// The argument vector run (the program's absolute path first).
        public var command: [String]
        /// Milliseconds from spawn to exit: median, lowest to highest, and the middle half (25th to 75th percentile).
        public var medianMs: Double
        public var spreadMs: Spread
        public var quartilesMs: Spread
        /// Median CPU milliseconds (user + system) of one run.
        public var cpuMedianMs: Double
    }

    public struct Report: Codable, Equatable, Sendable {
        public var pairs: Int
        public var warmupRuns: Int
        public var order: String
        public var tmemctl: Side
        public var baseline: Side
        /// Median of the per-pair ratios tmemctl / baseline, with their spread and middle half.
        public var ratio: Double
        public var ratioSpread: Spread
        public var ratioQuartiles: Spread
        public var target: Double
        public var targetMet: Bool
    }

    /// The q-quantile (0...1) of `xs`, interpolating between neighbours.
    static func quantile(_ xs: [Double], _ q: Double) -> Double {
        let s = xs.sorted()
        let x = q * Double(s.count - 1)
        let i = Int(x), f = x - Double(i)
        return i + 1 < s.count ? s[i] + f * (s[i + 1] - s[i]) : s[i]
    }

    public static func run(tmemctl: [String], baseline: [String], pairs: Int,
                           progress: (String) -> Void = { _ in }) throws -> Report {
        precondition(pairs > 0 && !tmemctl.isEmpty && !baseline.isEmpty)
        func once(_ argv: [String]) throws -> TimedRun.Times {
            let t = try TimedRun.run(argv[0], Array(argv.dropFirst()))
            guard t.exitStatus == 0 else {
                throw HostError(subject: argv.joined(separator: " "), action: "exited with status \(t.exitStatus):",
                                path: argv[0], hint: "run it by hand to see why; the bench times successful runs only")
            }
            return t
        }
        for _ in 0..<warmupRuns {
            _ = try once(tmemctl)
            _ = try once(baseline)
        }
        var ours: [TimedRun.Times] = [], theirs: [TimedRun.Times] = []
        for i in 0..<pairs {
            if i % 2 == 0 {
                ours.append(try once(tmemctl)); theirs.append(try once(baseline))
            } else {
                theirs.append(try once(baseline)); ours.append(try once(tmemctl))
            }
            if (i + 1) % 10 == 0 { progress("\(i + 1) of \(pairs) pairs") }
        }
        func side(_ argv: [String], _ runs: [TimedRun.Times]) -> Side {
            let ms = runs.map { $0.wall * 1000 }
            return Side(command: argv, medianMs: BenchStatistics.median(ms), spreadMs: Spread(min: ms.min()!, max: ms.max()!),
                        quartilesMs: Spread(min: quantile(ms, 0.25), max: quantile(ms, 0.75)),
                        cpuMedianMs: BenchStatistics.median(runs.map { $0.cpu * 1000 }))
        }
        let ratios = zip(ours, theirs).map { $0.wall / $1.wall }
        let r = BenchStatistics.median(ratios)
        return Report(pairs: pairs, warmupRuns: warmupRuns,
                      order: "alternating: tmemctl first in odd pairs, the baseline first in even pairs",
                      tmemctl: side(tmemctl, ours), baseline: side(baseline, theirs), ratio: r,
                      ratioSpread: Spread(min: ratios.min()!, max: ratios.max()!),
                      ratioQuartiles: Spread(min: quantile(ratios, 0.25), max: quantile(ratios, 0.75)),
                      target: target, targetMet: r <= target)
    }
}

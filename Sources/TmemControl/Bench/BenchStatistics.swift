#if canImport(Glibc)
import Glibc
#endif

/// The smallest and largest per-round value.
public struct BenchSpread: Codable, Equatable, Sendable {
    public var min: Double
    public var max: Double

    public init(_ xs: [Double]) {
        precondition(!xs.isEmpty, "spread of no rounds")
        min = xs.min()!
        max = xs.max()!
    }
}

/// What every bench measures with: clocks and the median of per-round figures. The machine is shared and noisy
/// (absolute speed drifts between rounds), so benches report medians, never means or single rounds.
enum BenchStatistics {
    /// The middle value (the mean of the two middle ones for an even count).
    static func median(_ xs: [Double]) -> Double {
        precondition(!xs.isEmpty, "median of no rounds")
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Rounds measured on a shared machine: a round counts only when every timed side got at least `share` of
    /// its threads' worth of CPU (CPU seconds per wall second; another job may hold a core). Others are kept
    /// aside and retried, up to three times `rounds` attempts in all; if too few rounds had free cores, the
    /// latest discarded ones fill up and `onFreeCores` says so. `measure` gets the attempt number (1, 2, ...)
    /// and how many rounds are kept and discarded so far, and returns the round with each side's cores used.
    static func roundsOnFreeCores<Round>(_ rounds: Int, threads: Int, share: Double,
                                         _ measure: (_ attempt: Int, _ kept: Int, _ discarded: Int) throws -> (round: Round, coresUsed: [Double]))
        rethrows -> (kept: [Round], discarded: Int, onFreeCores: Bool) {
        var kept: [Round] = [], spare: [Round] = []
        var attempts = 0
        while kept.count < rounds && attempts < 3 * rounds {
            attempts += 1
            let (round, cores) = try measure(attempts, kept.count, spare.count)
            if cores.allSatisfy({ $0 >= share * Double(threads) }) { kept.append(round) } else { spare.append(round) }
        }
        let discarded = spare.count
        var onFreeCores = true
        while kept.count < rounds, let x = spare.popLast() {
            onFreeCores = false
            kept.append(x)
        }
        return (kept, discarded, onFreeCores)
    }

    /// Wall-clock seconds (CLOCK_MONOTONIC: never jumps with the date).
    static func now() -> Double { seconds(of: CLOCK_MONOTONIC) }

    /// CPU seconds the calling thread has used.
    static func threadCPU() -> Double { seconds(of: CLOCK_THREAD_CPUTIME_ID) }

    /// CPU seconds this process has used (user + system, all threads), to tell how many cores a run really got.
    static func processCPU() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }

    /// Wall-clock seconds `body` took.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let t0 = now()
        try body()
        return now() - t0
    }

    private static func seconds(of clock: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

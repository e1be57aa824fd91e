#if canImport(Glibc)
import Glibc
#endif

/// What every bench measures with: clocks and the median of per-round figures. The machine is shared and noisy
/// (absolute speed drifts between rounds), so benches report medians, never means or single rounds.
enum BenchStatistics {
    /// The middle value (the mean of the two middle ones for an even count).
    static func median(_ xs: [Double]) -> Double {
        precondition(!xs.isEmpty, "median of no rounds")
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
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

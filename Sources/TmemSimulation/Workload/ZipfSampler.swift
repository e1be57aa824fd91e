import TmemCore

/// Draws ranks 0..<n with probability proportional to 1/(rank+1)^s, by binary search over the cumulative
/// weights (exact, O(log n) per draw).
public struct ZipfSampler: Sendable {
    private let cumulative: [Double]

    public init(count n: Int, exponent s: Double) {
        precondition(n > 0)
        var c = [Double](repeating: 0, count: n)
        var total = 0.0
        for i in 0..<n {
            total += 1 / pow(Double(i + 1), s)
            c[i] = total
        }
        cumulative = c.map { $0 / total }
    }

    public func next(_ rng: inout SplitMix64) -> Int {
        let u = Double(rng.next() >> 11) / Double(1 << 53)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

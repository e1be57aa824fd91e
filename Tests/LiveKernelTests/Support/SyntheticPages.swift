import TmemCore

/// Synthetic pages that real memory rarely provides but the compressors must get right: sparse pages,
/// short periods, and pages built to hit the one LZ4 probe position where the kernel (LZ4 v1.7.3 era)
/// and liblz4 >= 1.8.2 disagree.
enum SyntheticPages {
    static func sparse(_ rng: inout SplitMix64, count: Int) -> [[UInt8]] {
        (0..<count).map { i in
            var p = [UInt8](repeating: 0, count: pageSize)
            for _ in 0...(i % 30) {
                let at = Int(rng.next() % UInt64(pageSize))
                for j in at..<min(pageSize, at + Int(rng.next() % 24)) { p[j] = UInt8(truncatingIfNeeded: rng.next()) }
            }
            return p
        }
    }

    /// A random pattern of each period repeated over the page, one bit flipped so it is not same-filled.
    static func periodic(_ rng: inout SplitMix64) -> [[UInt8]] {
        [1, 2, 3, 5, 7, 12, 13, 100, 333].map { period in
            let pattern = (0..<period).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var p = (0..<pageSize).map { pattern[$0 % period] }
            p[Int(rng.next() % UInt64(pageSize))] ^= 0x80
            return p
        }
    }

    /// Leading zeros, random bytes, trailing zeros. The leading zeros are one match; the probe step then
    /// restarts at 1 and grows by the schedule. For the chosen lengths the last probe the kernel skips (its
    /// next probe would be end - 11) is exactly where the trailing zeros begin: liblz4 matches them against
    /// position 1, the kernel keeps them as literals. The leading zeros keep the page below huge_class_size,
    /// so the difference reaches compr_data_size.
    static func lz4LateMatch(_ rng: inout SplitMix64, count: Int) -> [[UInt8]] {
        var pages: [[UInt8]] = []
        for zeros in 500..<700 where pages.count < count {
            let probe = lastSkippedProbe(restartingAt: zeros + 1)
            guard probe.liblz4Probes else { continue }
            var p = (0..<pageSize).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            for j in 0..<zeros { p[j] = 0 }
            p[zeros] |= 1  // the leading match must end exactly here
            for j in probe.position..<pageSize { p[j] = 0 }
            pages.append(p)
        }
        return pages
    }

    /// The probe walk over a page with no match from `start` on: positions advance by `step`, which is 1 for
    /// the first probe and then (64 + probes so far) >> 6. The kernel stops once the next position would
    /// pass end - 12; liblz4 >= 1.8.2 only past end - 11.
    static func lastSkippedProbe(restartingAt start: Int) -> (position: Int, liblz4Probes: Bool) {
        var position = start
        var step = 1
        var probes = 64
        while true {
            let next = position + step
            step = probes >> 6
            probes += 1
            if next > pageSize - 12 { return (position, next == pageSize - 11) }
            position = next
        }
    }
}

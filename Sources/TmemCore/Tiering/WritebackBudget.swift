/// A daily writeback allowance (`writeback-budget`, bytes per UTC calendar day) and what was spent of it.
/// The day is the number of whole days since the Unix epoch in UTC, so a time zone or DST change moves nothing.
/// Spending only ever grows within a day and saturates instead of wrapping; a clock that jumps back to an earlier
/// day finds the later day recorded and keeps its spending, so going back in time never refills the budget.
public struct WritebackBudget: Codable, Equatable, Sendable {
    /// The UTC day (seconds since the epoch / 86400) the spending belongs to.
    public var day: Int64
    /// Bytes written back during `day`.
    public var usedBytes: UInt64

    public init(day: Int64, usedBytes: UInt64) {
        self.day = day
        self.usedBytes = usedBytes
    }

    public static let secondsPerDay: Int64 = 86_400

    /// The UTC calendar day of a time (floor division, so times before the epoch fall on negative days).
    public static func day(ofEpochSeconds t: Int64) -> Int64 {
        t >= 0 ? t / secondsPerDay : -((-t + secondsPerDay - 1) / secondsPerDay)
    }

    /// The spending as of `now`: a later day starts from nothing; the same day, or an earlier one (the clock
    /// went back), keeps what was recorded.
    public func asOf(epochSeconds now: Int64) -> WritebackBudget {
        let today = Self.day(ofEpochSeconds: now)
        return today > day ? WritebackBudget(day: today, usedBytes: 0) : self
    }

    /// What may still be written back today out of `perDay`, never negative.
    public func remaining(perDay: UInt64, epochSeconds now: Int64) -> UInt64 {
        let current = asOf(epochSeconds: now)
        return perDay > current.usedBytes ? perDay - current.usedBytes : 0
    }

    /// The spending after `bytes` more were written back at `now` (saturating at UInt64.max).
    public func spending(_ bytes: UInt64, epochSeconds now: Int64) -> WritebackBudget {
        var current = asOf(epochSeconds: now)
        let (sum, overflow) = current.usedBytes.addingReportingOverflow(bytes)
        current.usedBytes = overflow ? .max : sum
        return current
    }

    /// `writeback_limit` counts 4 KiB units whatever the page size (docs/kernel-notes.md#zram-tiering-probes):
    /// the whole units that fit in `bytes`, so the kernel can never write more than the budget.
    public static func limitUnits(forBytes bytes: UInt64) -> UInt64 { bytes / 4096 }
}

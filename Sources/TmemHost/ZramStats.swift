import TmemCore

/// `/sys/block/zramN/mm_stat`. Linux 5.15+ prints nine fields; 4.19 printed eight (no huge_pages_since).
/// Field names are the kernel's (Documentation/admin-guide/blockdev/zram.rst), so JSON keys match them.
public struct MMStat: Codable, Equatable, Sendable {
    public var origDataSize: UInt64
    public var comprDataSize: UInt64
    public var memUsedTotal: UInt64
    public var memLimit: UInt64
    public var memUsedMax: UInt64
    public var samePages: UInt64
    public var pagesCompacted: UInt64
    public var hugePages: UInt64
    /// nil on kernels that print eight fields.
    public var hugePagesSince: UInt64?

    public init(origDataSize: UInt64 = 0, comprDataSize: UInt64 = 0, memUsedTotal: UInt64 = 0, memLimit: UInt64 = 0,
                memUsedMax: UInt64 = 0, samePages: UInt64 = 0, pagesCompacted: UInt64 = 0, hugePages: UInt64 = 0,
                hugePagesSince: UInt64? = 0) {
        self.origDataSize = origDataSize
        self.comprDataSize = comprDataSize
        self.memUsedTotal = memUsedTotal
        self.memLimit = memLimit
        self.memUsedMax = memUsedMax
        self.samePages = samePages
        self.pagesCompacted = pagesCompacted
        self.hugePages = hugePages
        self.hugePagesSince = hugePagesSince
    }

    /// Strict: eight or nine unsigned integers, else an error naming the file.
    public init(parsing text: String, path: String) throws(HostError) {
        let v = try StatLine.numbers(text, path: path, allowedCounts: [8, 9])
        self.init(origDataSize: v[0], comprDataSize: v[1], memUsedTotal: v[2], memLimit: v[3], memUsedMax: v[4],
                  samePages: v[5], pagesCompacted: v[6], hugePages: v[7], hugePagesSince: v.count == 9 ? v[8] : nil)
    }

    /// Field names and values in the kernel's order, for field-by-field comparisons and tables.
    public var fields: [(name: String, value: UInt64?)] {
        [("orig_data_size", origDataSize), ("compr_data_size", comprDataSize), ("mem_used_total", memUsedTotal),
         ("mem_limit", memLimit), ("mem_used_max", memUsedMax), ("same_pages", samePages),
         ("pages_compacted", pagesCompacted), ("huge_pages", hugePages), ("huge_pages_since", hugePagesSince)]
    }
}

extension ZramDevice {
    public func mmStat() throws(HostError) -> MMStat {
        try MMStat(parsing: try read("mm_stat"), path: root.absolute(attributePath("mm_stat")))
    }
}

/// Whitespace-separated unsigned counters on one line, as zram's stat files print them.
public enum StatLine {
    public static func numbers(_ text: String, path: String, allowedCounts: Set<Int>) throws(HostError) -> [UInt64] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        guard lines.count == 1 else {
            throw HostError(subject: path, action: "malformed stat: expected one line, got \(lines.count)", path: path)
        }
        guard allowedCounts.contains(tokens.count) else {
            let want = allowedCounts.sorted().map(String.init).joined(separator: " or ")
            throw HostError(subject: path, action: "malformed stat: expected \(want) fields, got \(tokens.count)", path: path)
        }
        var values: [UInt64] = []
        for t in tokens {
            guard let v = UInt64(t) else {
                throw HostError(subject: path, action: "malformed stat: '\(t)' is not a number", path: path)
            }
            values.append(v)
        }
        return values
    }
}

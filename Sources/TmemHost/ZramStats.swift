import TmemCore
// Re-exported so code that reads mm_stat through TmemHost keeps seeing the type without importing TmemCore.
@_exported import struct TmemCore.MMStat

/// Reading `/sys/block/zramN/mm_stat`; the value type `MMStat` lives in TmemCore, shared with the zram model.
extension MMStat {
    /// Strict: eight or nine unsigned integers, else an error naming the file.
    public init(parsing text: String, path: String) throws(HostError) {
        let v = try StatLine.numbers(text, path: path, allowedCounts: [8, 9])
        self.init(origDataSize: v[0], comprDataSize: v[1], memUsedTotal: v[2], memLimit: v[3], memUsedMax: v[4],
                  samePages: v[5], pagesCompacted: v[6], hugePages: v[7], hugePagesSince: v.count == 9 ? v[8] : nil)
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
            throw HostError.malformed("stat", in: path, hint: "expected one line, got \(lines.count)")
        }
        guard allowedCounts.contains(tokens.count) else {
            let want = allowedCounts.sorted().map(String.init).joined(separator: " or ")
            throw HostError.malformed("stat", in: path, hint: "expected \(want) fields, got \(tokens.count)")
        }
        var values: [UInt64] = []
        for t in tokens {
            guard let v = UInt64(t) else {
                throw HostError.malformed("stat", in: path, hint: "'\(t)' is not a number")
            }
            values.append(v)
        }
        return values
    }
}

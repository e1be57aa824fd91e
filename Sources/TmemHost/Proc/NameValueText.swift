/// One pass over the UTF-8 bytes of the kernel's `name value` files (/proc/vmstat, /proc/meminfo): lines and
/// fields as byte ranges, numbers parsed in place, no substring or array per line. Every `tmemctl status` reads
/// about 250 such lines; through asciiSplit and `UInt64(Substring)` they cost about 6,000 instructions each.
enum NameValueText {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The first two space-separated fields of a line (runs of spaces count as one, as asciiSplit(" ") omits
    /// empty pieces) and how many there are in all.
    struct Fields {
        var first: Range<Int> = 0..<0
        var second: Range<Int> = 0..<0
        var count = 0
    }

    /// Calls `body` with each non-empty line of `text` (without its "\n") until it returns an error, and with the
    /// number of lines first, for reserving capacity.
    static func scan(_ text: String, lineCount: (Int) -> Void = { _ in },
                     _ body: (Bytes) -> HostError?) -> HostError? {
        var text = text
        return text.withUTF8 { all -> HostError? in
            let newline = UInt8(ascii: "\n")
            var lines = 1
            for b in all where b == newline { lines += 1 }
            lineCount(lines)
            var start = 0
            while start < all.count {
                var end = start
                while end < all.count && all[end] != newline { end += 1 }
                if end > start, let e = body(Bytes(rebasing: all[start..<end])) { return e }
                start = end + 1
            }
            return nil
        }
    }

    static func fields(_ line: Bytes, from: Int = 0) -> Fields {
        var f = Fields()
        let space = UInt8(ascii: " ")
        var i = from
        while i < line.count {
            while i < line.count && line[i] == space { i += 1 }
            guard i < line.count else { break }
            let s = i
            while i < line.count && line[i] != space { i += 1 }
            if f.count == 0 { f.first = s..<i } else if f.count == 1 { f.second = s..<i }
            f.count += 1
        }
        return f
    }

    /// The error for a line that is not in the file's format, quoting the whole line.
    static func malformed(_ line: Bytes, in file: String) -> HostError {
        HostError.malformed("line '\(string(line, 0..<line.count))'", in: file)
    }

    static func string(_ line: Bytes, _ range: Range<Int>) -> String {
        String(decoding: Bytes(rebasing: line[range]), as: UTF8.self)
    }

    static func equals(_ line: Bytes, _ range: Range<Int>, _ ascii: StaticString) -> Bool {
        guard range.count == ascii.utf8CodeUnitCount else { return false }
        let p = ascii.utf8Start
        for (k, i) in range.enumerated() where line[i] != p[k] { return false }
        return true
    }

    /// A decimal number by the rules of `UInt64(String)` and `Int64(String)`: an optional sign, then one or more
    /// ASCII digits. `magnitude` nil when it is not a number or does not fit 64 bits.
    static func decimal(_ line: Bytes, _ range: Range<Int>) -> (negative: Bool, magnitude: UInt64)? {
        var i = range.lowerBound
        var negative = false
        if i < range.upperBound && (line[i] == UInt8(ascii: "+") || line[i] == UInt8(ascii: "-")) {
            negative = line[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < range.upperBound else { return nil }
        var v: UInt64 = 0
        while i < range.upperBound {
            let d = line[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            guard !o1 && !o2 else { return nil }
            v = s
            i += 1
        }
        return (negative, v)
    }

    /// `UInt64(text)` on the field (`-0` is 0, as there).
    static func unsigned(_ line: Bytes, _ range: Range<Int>) -> UInt64? {
        guard let d = decimal(line, range) else { return nil }
        return d.negative && d.magnitude != 0 ? nil : d.magnitude
    }

    /// Whether `Int64(text)` accepts the field.
    static func isSigned64(_ line: Bytes, _ range: Range<Int>) -> Bool {
        guard let d = decimal(line, range) else { return false }
        return d.negative ? d.magnitude <= UInt64(Int64.max) + 1 : d.magnitude <= UInt64(Int64.max)
    }
}

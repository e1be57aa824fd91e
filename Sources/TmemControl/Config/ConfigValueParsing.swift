import TmemCore

/// Value readers with the exact acceptance of the Rust functions zram-generator uses, so a value one tool
/// takes the other takes too.
enum ConfigValueParsing {
    private static func digits(_ s: Substring) -> Bool { !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    /// `str::parse::<u64>()`: an optional `+`, ASCII digits, no overflow.
    static func rustU64(_ s: String) -> UInt64? {
        var t = Substring(s)
        if t.hasPrefix("+") { t = t.dropFirst() }
        guard digits(t) else { return nil }
        return UInt64(t)
    }

    /// `str::parse::<i32>()`.
    static func rustI32(_ s: String) -> Int32? {
        var t = Substring(s), negative = false
        if t.hasPrefix("+") || t.hasPrefix("-") { negative = t.hasPrefix("-"); t = t.dropFirst() }
        guard digits(t) else { return nil }
        return Int32(negative ? "-" + t : String(t))
    }

    /// `str::parse::<f64>()`: decimal with optional exponent, or inf/infinity/nan in any case, after a sign.
    static func rustF64(_ s: String) -> Double? {
        var t = Substring(s), negative = false
        if t.hasPrefix("+") || t.hasPrefix("-") { negative = t.hasPrefix("-"); t = t.dropFirst() }
        switch t.lowercased() {
        case "inf", "infinity": return negative ? -.infinity : .infinity
        case "nan": return .nan
        default: break
        }
        guard !t.hasPrefix("+"), !t.hasPrefix("-"), let v = SizeFormula.rustFloat(String(t)) else { return nil }
        return negative ? -v : v
    }

    /// `none` or a u64 (zram-generator's `parse_optional_size`); the outer nil is "not a size".
    static func optionalSize(_ s: String) -> UInt64?? {
        if s == "none" { return .some(nil) }
        guard let v = rustU64(s) else { return nil }
        return .some(v)
    }

    /// zram-generator's `verify_mount_point`: absolute, no `..`, and normalized as Rust's Path components
    /// are collected (`//` and `/./` collapse, a trailing `/` goes).
    static func absolutePath(_ s: String) -> PathCheck {
        guard s.hasPrefix("/") else { return .failure("\(s) is not absolute") }
        let parts = s.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        if parts.contains("..") { return .failure("\(s) is not normalized (contains ..)") }
        return .success("/" + parts.joined(separator: "/"))
    }

    enum PathCheck { case success(String), failure(String) }

    /// Booleans as zswap's sysfs takes them (Y/N, yes/no, 1/0, on/off, true/false).
    static func bool(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "y", "yes", "1", "true", "on": return true
        case "n", "no", "0", "false", "off": return false
        default: return nil
        }
    }

    /// Bytes with an optional binary suffix K, M, G or T (`512M` = 536870912); nil for anything else or overflow.
    static func byteSize(_ s: String) -> UInt64? {
        let shifts: [Character: UInt64] = ["K": 10, "M": 20, "G": 30, "T": 40]
        var t = Substring(s), shift: UInt64 = 0
        if let last = t.last, let sh = shifts[Character(last.uppercased())] { shift = sh; t = t.dropLast() }
        guard digits(t), let n = UInt64(t) else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: 1 << shift)
        return overflow ? nil : v
    }
}

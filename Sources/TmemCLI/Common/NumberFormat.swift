import FoundationEssentials
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// The one number and size formatter of tmemctl's text output (JSON carries plain numbers and bytes).
enum NumberFormat {
    /// `digits` decimals, rounded as C's printf rounds (the nearest decimal of the binary value; zramctl prints its
    /// ratios this way). Never locale-dependent: tmemctl never calls setlocale, so C's "C" locale writes '.'.
    static func fixed(_ x: Double, digits: Int) -> String {
        fixedDecimal(x, digits: digits)   // not printf below: its CVarArg route costs a conformance scan
    }

    /// C's snprintf (Foundation's `String(format:)` without Foundation, which would pull ICU into start-up).
    static func printf(_ format: String, _ arguments: any CVarArg...) -> String {
        withVaList(arguments) { list in
            var buffer = [CChar](repeating: 0, count: 128)
            let n = Int(vsnprintf(&buffer, buffer.count, format, list))
            if n < buffer.count { return String(decoding: buffer[0..<max(0, n)].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
            buffer = [CChar](repeating: 0, count: n + 1)
            return withVaList(arguments) { again in
                _ = vsnprintf(&buffer, buffer.count, format, again)
                return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
    }

    /// A share (0.25) as a percentage ("25.0%").
    static func percent(_ share: Double, digits: Int = 1) -> String {
        fixed(share * 100, digits: digits) + "%"
    }

    /// A 64-bit word as zram's same-filled pages hold it: 0x and 16 hex digits.
    static func hexWord(_ v: UInt64) -> String {
        let h = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - h.count) + h
    }

    /// Sizes as zramctl prints them: binary units with a one-letter suffix and at most one decimal (`1.5G`, `256M`,
    /// `0B`), or plain bytes with `exact` (`--bytes`). util-linux's size_to_human_string picks the unit from the
    /// byte count first (the largest power of 1024 not above it) and only then rounds the tenths, so a value just
    /// below a power prints as 1024 of the smaller unit: 1,048,570 bytes is "1024K", as zramctl shows on the live
    /// kernel (StatusZramctlLive).
    static func zramctlSize(_ bytes: UInt64, exact: Bool) -> String {
        if exact { return "\(bytes)" }
        if bytes < 1024 { return "\(bytes)B" }
        let units = ["K", "M", "G", "T", "P", "E"]
        var shift: UInt64 = 10
        while shift < 60 && bytes >= UInt64(1) << (shift + 10) { shift += 10 }
        var whole = bytes >> shift
        // Thousandths of the unit, truncated, then rounded half up to tenths, in integers as util-linux does.
        let rest = bytes & ((UInt64(1) << shift) - 1)
        let thousandths = rest >= UInt64.max / 1000 ? ((rest / 1024) * 1000) >> (shift - 10) : (rest * 1000) >> shift
        var tenths = (thousandths + 50) / 100
        if tenths == 10 { whole += 1; tenths = 0 }
        let unit = units[Int(shift / 10) - 1]
        return tenths == 0 ? "\(whole)\(unit)" : "\(whole).\(tenths)\(unit)"
    }

    /// Sizes in prose: bytes below 1 KiB ("512 B"), else one decimal of the largest IEC unit ("1.5 MiB").
    static func iecSize(_ bytes: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(bytes)
        var u = 0
        while v >= 1024 && u < units.count - 1 { v /= 1024; u += 1 }
        return u == 0 ? "\(bytes) B" : "\(fixed(v, digits: 1)) \(units[u])"
    }

    /// Sizes always in MiB with one decimal ("0.2 MiB"), for figures meant to be compared with each other.
    static func mebibytes(_ bytes: Int) -> String {
        "\(fixed(Double(bytes) / 1_048_576, digits: 1)) MiB"
    }
}

extension Double {
    /// `NumberFormat.fixed(self, digits: n)`, for rows of figures.
    func decimals(_ n: Int) -> String { NumberFormat.fixed(self, digits: n) }
}

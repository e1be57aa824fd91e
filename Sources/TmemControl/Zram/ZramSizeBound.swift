import TmemCore
import TmemHost

/// The one bound on a size an admin gives a zram device, disksize or mem_limit, in `zram add` and `zram set`
/// alike. zram keeps a slot (16 bytes on 64-bit) per page of disksize even when empty, and data rarely
/// compresses beyond 4:1; 16 × RAM is far past any useful size, so beyond it is a typo. Without a MemTotal
/// (a fake root without meminfo) the parser's 1 EiB is the bound.
public enum ZramSizeBound {
    public static func maximum(memTotal: UInt64) -> UInt64 {
        memTotal == 0 ? SizeExpression.sanityLimit : memTotal.multipliedReportingOverflow(by: 16).partialValue
    }

    /// Refuses `bytes` for the attribute `attribute` (disksize, mem_limit) given as `option` beyond the bound.
    public static func check(_ bytes: UInt64, attribute: String, option: String, memTotal: UInt64) throws(InvalidRequest) {
        guard bytes > maximum(memTotal: memTotal) else { return }
        let ram = memTotal == 0 ? "1 EiB" : "16 times this machine's RAM (\(memTotal) bytes)"
        throw InvalidRequest("\(attribute) \(bytes) bytes is more than \(ram); choose a smaller \(option) such as 50%")
    }

    /// MemTotal of `root`, 0 when meminfo is missing or has none (as `ZramKernelFacts` reads it).
    public static func memTotal(root: SystemRoot) -> UInt64 {
        ((try? MemInfo.read(root: root))?.memTotal) ?? 0
    }
}

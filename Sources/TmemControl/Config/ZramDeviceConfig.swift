import TmemCore

/// One `[zramN]` section after every file is merged: each key holds the last value set and where it was set.
/// A key never set is nil and takes zram-generator's default when the configuration is resolved.
public struct ZramDeviceConfig: Sendable {
    public var index: Int
    public var name: String { "zram\(index)" }
    /// The first section header that named the device.
    public var origin: ConfigOrigin

    /// `host-memory-limit` (alias `memory-limit`), MB; a nil value is `none` (no limit).
    public var hostMemoryLimit: Sourced<UInt64?>?
    /// `zram-size`; default `min(ram / 2, 4096)`.
    public var zramSize: Sourced<SizeFormula>?
    /// `zram-resident-limit` (mem_limit); default 0. May use `disksize` (MB) and `ratio`.
    public var residentLimit: Sourced<SizeFormula>?
    /// `ratio-from`: the corpus a `ratio` in the resident limit is predicted from.
    public var ratioFrom: Sourced<String>?
    /// `compression-algorithm`.
    public var compression: Sourced<CompressionAlgorithms>?
    /// `writeback-device`: a block device, or `file:PATH SIZE` (a file behind a loop device).
    public var writebackDevice: Sourced<WritebackDevice>?
    /// `writeback-encrypt`: dm-crypt with a random per-boot key over a `file:` backing device.
    public var writebackEncrypt: Sourced<Bool>?
    /// `idle-age`: seconds, or `pressure(MIN, MAX)`.
    public var idleAge: Sourced<IdleAge>?
    /// `writeback-budget`: bytes per UTC day.
    public var writebackBudget: Sourced<UInt64>?
    /// `writeback-types`: what each policy round writes back, in order; default `idle`.
    public var writebackTypes: Sourced<[ZramWritebackType]>?
    /// `recompress-type`: what each policy round recompresses; nil for no recompression.
    public var recompressType: Sourced<ZramTierOperation.RecompressType>?
    /// `recompress-threshold`: only objects of at least this many bytes are recompressed.
    public var recompressThreshold: Sourced<UInt64>?
    /// `swap-priority`; default 100.
    public var swapPriority: Sourced<Int>?
    /// `mount-point`, normalized.
    public var mountPoint: Sourced<String>?
    /// `fs-type`; default ext2 with a mount point, else swap.
    public var fsType: Sourced<String>?
    /// `options`; default `discard`.
    public var options: Sourced<String>?
    /// Obsolete `zram-fraction`; setting it or `max-zram-size` replaces `zram-size`.
    public var zramFraction: Sourced<Double>?
    /// Obsolete `max-zram-size`, MB; a nil value is `none`.
    public var maxZramSize: Sourced<UInt64?>?

    public init(index: Int, origin: ConfigOrigin) {
        self.index = index
        self.origin = origin
    }

    public static let defaultZramSize = "min(ram / 2, 4096)"
    public static let defaultSwapPriority = 100
    public static let defaultOptions = "discard"

    public static let defaultWritebackTypes: [ZramWritebackType] = [.idle]

    /// Whether the section declares any tiering (`tmemctl policy run` has something to do).
    public var hasTieringPolicy: Bool {
        writebackTypes != nil || idleAge != nil || writebackBudget != nil || recompressType != nil
    }

    /// zram-generator's `is_swap`: no mount point, and no fs-type or fs-type swap.
    public var isSwap: Bool { mountPoint == nil && (fsType == nil || fsType?.value == "swap") }

    /// zram-generator's `effective_fs_type`.
    public var effectiveFsType: String { fsType?.value ?? (isSwap ? "swap" : "ext2") }
}

/// `writeback-device`: zram-generator's block device path, or tmemctl's `file:PATH SIZE`.
public enum WritebackDevice: Equatable, Sendable {
    case block(String)
    case file(path: String, sizeBytes: UInt64)

    public var blockPath: String? { if case .block(let p) = self { p } else { nil } }
}

/// `compression-algorithm = zstd(level=3) lz4 (recompress params)`: the primary algorithm and its parameters,
/// the recompression algorithms in priority order, and parameters for the recompression commands. A part
/// `algo(a=1,b=2)` has params `a=1 b=2` (commas become spaces, as zram-generator 1.2 writes them); a part with
/// no name, `(params)`, sets the global recompression params.
public struct CompressionAlgorithms: Equatable, Sendable {
    public struct Algorithm: Equatable, Sendable {
        public var name: String
        /// Space-separated `key=value` pairs; "" for none.
        public var params: String
    }

    /// First is the primary algorithm, the rest are recompression algorithms (priority 1, 2, 3).
    public var algorithms: [Algorithm]
    public var recompressionParams: String

    public init(parsing value: String) {
        algorithms = []
        recompressionParams = ""
        for part in value.split(whereSeparator: { $0.isWhitespace }) {
            var name = Substring(part), params = Substring("")
            if let paren = part.firstIndex(of: "(") {
                name = part[..<paren]
                params = part[part.index(after: paren)...]
                if params.hasSuffix(")") { params = params.dropLast() }
            }
            let p = params.replacingOccurrences(of: ",", with: " ")
            if name.isEmpty { recompressionParams = p } else { algorithms.append(Algorithm(name: String(name), params: p)) }
        }
    }
}

extension Substring {
    func replacingOccurrences(of a: Character, with b: Character) -> String {
        String(map { $0 == a ? b : $0 })
    }
}

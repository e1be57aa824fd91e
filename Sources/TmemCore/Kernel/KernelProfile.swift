/// The rules of one kernel era that the model follows, in one place per era. What each field says was read from
/// Debian's kernels booted in guests and from their package configurations; docs/kernel-eras.md has the readings
/// and the kernel sources (mm/zsmalloc.c, drivers/block/zram/zcomp.c and backend_*.c).
public struct KernelProfile: Sendable, Equatable {
    /// The era as `tmemctl model --kernel` takes it.
    public let era: String
    /// How zsmalloc sizes its zspages: 6.1 predates CONFIG_ZSMALLOC_CHAIN_SIZE (the 4-page rule); Debian's 6.12
    /// and 7.2 and this project's 6.18 host build chain size 8.
    public let chainRule: ZsmallocChainRule
    /// What zram's comp_algorithm lists on that era's build (6.1 goes through the crypto API and lists a fixed set
    /// filtered by what crypto has; it also takes an unlisted "deflate", which tmemctl treats as not offered; 6.12
    /// on, zram's own backends, and Debian builds no lzo backend).
    public let zramAlgorithms: [String]
    /// CONFIG_ZRAM_DEF_COMP.
    public let defaultAlgorithm: String
    /// zswap's zpool choices with zswap enabled (an empty list: the era has no zpool parameter, zsmalloc only).
    public let zswapZpools: [String]

    /// How zram reaches its compressors: 6.1 through the crypto API, 6.12 on through its own backends.
    public var compressionPath: CompressionPath { era == "6.1" ? .cryptoAPI : .zramBackend }
    /// Whether algorithm_params takes `deflate.winbits` (it came after 6.12, which ignores unknown keys).
    public var takesDeflateWindowBits: Bool { era == "7.2" }
    /// What the era's `writeback` file takes (docs/kernel-notes.md#zram-writeback-accounting).
    public var writebackSyntax: ZramWritebackSyntax {
        let v = era.split(separator: ".").compactMap { Int($0) }
        return ZramWritebackSyntax.forKernel(major: v[0], minor: v[1])
    }
    /// io_stat's third field: 6.1 still counts invalid_io, 6.12 on print a literal 0 (docs/kernel-notes.md#zram-stat-formats).
    public var countsInvalidIo: Bool { era == "6.1" }

    public static let all: [KernelProfile] = [
        KernelProfile(era: "6.1", chainRule: .usagePercent,
                      zramAlgorithms: ["lzo", "lzo-rle", "lz4", "lz4hc", "zstd"], defaultAlgorithm: "lzo-rle",
                      zswapZpools: ["zbud", "z3fold", "zsmalloc"]),
        KernelProfile(era: "6.12", chainRule: .leastWaste(chainSize: 8),
                      zramAlgorithms: ["lz4", "lz4hc", "zstd", "deflate"], defaultAlgorithm: "lz4",
                      zswapZpools: ["zbud", "zsmalloc"]),
        KernelProfile(era: "6.18", chainRule: .leastWaste(chainSize: 8),
                      zramAlgorithms: ["lzo-rle", "lzo", "lz4"], defaultAlgorithm: "lzo-rle", zswapZpools: []),
        KernelProfile(era: "7.2", chainRule: .leastWaste(chainSize: 8),
                      zramAlgorithms: ["lz4", "lz4hc", "zstd", "deflate"], defaultAlgorithm: "lz4", zswapZpools: []),
    ]

    public static func named(_ era: String) -> KernelProfile? { all.first { $0.era == era } }
}

import TmemCore
import TmemHost

/// What a verification needs to know besides the pages: the model's inputs from the running kernel.
public struct VerifySettings: Sendable {
    public var root: SystemRoot
    public var features: KernelFeatures
    /// Compression threads for the prediction (nil: every online CPU).
    public var threads: Int?

    public init(root: SystemRoot, features: KernelFeatures, threads: Int? = nil) {
        self.root = root
        self.features = features
        self.threads = threads
    }

    public var classTable: ZsmallocClassTable { features.classTable }

    public var chainSize: Int? {
        if case .leastWaste(let n) = features.chainRule { return n }
        return nil
    }

    public var kernel: VerifyReport.Kernel {
        VerifyReport.Kernel(release: features.release, chainSize: chainSize, chainSizeSource: features.chainRuleOrigin,
                            hugeClassSize: features.hugeClassSize)
    }

    /// The profiled era this kernel belongs to (its major.minor), if any.
    public var era: String? {
        guard let r = features.release, let v = KernelFeatures.version(ofRelease: r) else { return nil }
        return KernelProfile.named("\(v.0).\(v.1)")?.era
    }

    /// How this kernel's zram calls its compressors (6.12 on: its own backends).
    public var compressionPath: CompressionPath {
        guard let r = features.release, let v = KernelFeatures.version(ofRelease: r) else { return .zramBackend }
        return CompressionPath.forKernel(major: v.0, minor: v.1)
    }

    /// What this kernel's `writeback` file takes (docs/kernel-notes.md#zram-writeback-accounting).
    public var writebackSyntax: ZramWritebackSyntax {
        guard let r = features.release, let v = KernelFeatures.version(ofRelease: r) else { return .forKernel(major: 6, minor: 18) }
        return .forKernel(major: v.0, minor: v.1)
    }

    /// Whether io_stat's third field is still a real invalid_io counter (before 6.12).
    public var countsInvalidIo: Bool {
        guard let r = features.release, let v = KernelFeatures.version(ofRelease: r) else { return false }
        return v < (6, 12)
    }

    /// Which zswap rules this kernel follows (docs/kernel-notes.md#zswap-storing).
    public var zswapRules: ZswapRules {
        guard let r = features.release, let v = KernelFeatures.version(ofRelease: r) else { return .linux6_18 }
        if v >= (6, 18) { return .linux6_18 }
        if v >= (6, 12) { return .linux6_12 }
        return .linux6_1
    }
}

/// How close the model's compressed sizes are to a kernel's, for one compressor on one kernel era: measured
/// in that era's guest, page by page (Tests/GuestKernelTests; docs/kernel-notes.md#zram-compressors-per-era).
public enum CompressorExactness: Equatable, Sendable {
    /// Byte for byte the kernel's output on every page measured.
    case exact
    /// Off by at most the bound: the kernel carries another version of the compressor's code.
    case bounded(CompressionBound)
    /// Not measured on this kernel (no claim either way).
    case unmeasured

    public var status: String {
        switch self {
        case .exact: "exact"
        case .bounded: "bounded"
        case .unmeasured: "unmeasured"
        }
    }

    public var bound: CompressionBound? {
        if case .bounded(let b) = self { return b }
        return nil
    }
}

/// A bound on the corpus totals, as a percentage of the kernel's compr_data_size and mem_used_total (see `of` for
/// the margin). A per-page bound is stated only where one holds: two releases of a compressor may differ on one
/// page by any amount (CI saw 840 B on one page of captured memory with 6.1's zstd, where earlier runs never
/// exceeded 85 B), so for them `pageBytes` is nil and only the totals are claimed.
public struct CompressionBound: Equatable, Sendable, Codable {
    /// Largest |kernel − model| of one page's compressed size, in bytes; nil: no per-page claim.
    public let pageBytes: Int?
    /// Largest |kernel − model| of compr_data_size over a corpus, in percent of the kernel's value.
    public let comprDataSizePercent: Double
    /// The same for mem_used_total.
    public let memUsedTotalPercent: Double
    /// Why the sizes differ.
    public let cause: String

    public init(pageBytes: Int?, comprDataSizePercent: Double, memUsedTotalPercent: Double, cause: String) {
        self.pageBytes = pageBytes
        self.comprDataSizePercent = comprDataSizePercent
        self.memUsedTotalPercent = memUsedTotalPercent
        self.cause = cause
    }

    /// The difference a total of `value` bytes may show under `percent`.
    public static func allowance(_ value: UInt64, percent: Double) -> UInt64 {
        UInt64((Double(value) * percent / 100).rounded(.up))
    }
}

extension CompressorExactness {
    /// The exactness of `settings` on kernel era `era` (nil: a kernel not among the profiled eras).
    public static func of(_ settings: CompressorSettings, era: String?) -> CompressorExactness {
        switch settings.algorithm {
        // Proven on 6.1, 6.12, 6.18 and 7.2 (EraModelGuestTests, CompressorExactnessLiveTests).
        case .lzo, .lzoRle, .lz4: return .exact
        case .lz4hc, .zstd, .deflate:
            guard let era, let row = measured[era] else { return .unmeasured }
            return row(settings)
        }
    }

    /// What the guests measured, per era: exact where every page matched. A bound on the totals is about three
    /// times the largest difference CI has measured (the captured half of the corpus is this test process's memory
    /// and changes from run to run, so the measured difference does too); there is no per-page bound for zstd.
    /// docs/kernel-notes.md#zram-compressors-per-era has the measurements behind each row.
    static let measured: [String: @Sendable (CompressorSettings) -> CompressorExactness] = [
        // 6.1: crypto API, fixed levels. lz4hc exact; deflate is not listed by 6.1's zram.
        "6.1": { s in
            switch s.algorithm {
            case .lz4hc: return .exact
            case .zstd: return .bounded(CompressionBound(pageBytes: nil, comprDataSizePercent: 1.0, memUsedTotalPercent: 2.5,
                                                         cause: zstdCause("1.4.10")))
            default: return .unmeasured
            }
        },
        "6.12": { s in
            switch (s.algorithm, s.effectiveLevel ?? 0) {
            case (.lz4hc, 1...16): return .exact
            case (.deflate, 0...9) where s.windowBits == nil: return .exact
            case (.zstd, 1), (.zstd, 2), (.zstd, 3), (.zstd, 5), (.zstd, 9): return .exact
            case (.zstd, 12...22):
                return .bounded(CompressionBound(pageBytes: nil, comprDataSizePercent: 1.5, memUsedTotalPercent: 12,
                                                 cause: zstdCause(nil) + " (levels 12 to 22; measured at 12, 15, 19, 22)"))
            default: return .unmeasured
            }
        },
        "7.2": { s in
            switch (s.algorithm, s.effectiveLevel ?? 0) {
            case (.lz4hc, 1...16): return .exact
            case (.deflate, 0...9): return .exact
            case (.zstd, 1), (.zstd, 2), (.zstd, 5), (.zstd, 9): return .exact
            case (.zstd, 3):
                return .bounded(CompressionBound(pageBytes: nil, comprDataSizePercent: 0.5, memUsedTotalPercent: 3,
                                                 cause: zstdCause(nil) + " (level 3)"))
            case (.zstd, 12...22):
                return .bounded(CompressionBound(pageBytes: nil, comprDataSizePercent: 2.5, memUsedTotalPercent: 12,
                                                 cause: zstdCause(nil) + " (levels 12 to 22; measured at 12, 15, 19, 22)"))
            default: return .unmeasured
            }
        },
    ]

    static func zstdCause(_ kernelVersion: String?) -> String {
        "the kernel's own zstd (lib/zstd\(kernelVersion.map { ", upstream \($0)" } ?? ", a newer upstream release")) finds other matches than Debian 12's libzstd 1.5.4"
    }
}

/// The JSON form of an exactness claim: every key present, null where it does not apply.
public struct ExactnessReport: Codable, Equatable, Sendable {
    public var status: String
    public var pageBytes: Int?
    public var comprDataSizePercent: Double?
    public var memUsedTotalPercent: Double?
    public var cause: String?

    public init(_ e: CompressorExactness) {
        status = e.status
        pageBytes = e.bound?.pageBytes
        comprDataSizePercent = e.bound?.comprDataSizePercent
        memUsedTotalPercent = e.bound?.memUsedTotalPercent
        cause = e.bound?.cause ?? (e == .unmeasured ? "not measured against this kernel's compressor" : nil)
    }

    enum CodingKeys: String, CodingKey { case status, pageBytes, comprDataSizePercent, memUsedTotalPercent, cause }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(pageBytes, forKey: .pageBytes)
        try c.encode(comprDataSizePercent, forKey: .comprDataSizePercent)
        try c.encode(memUsedTotalPercent, forKey: .memUsedTotalPercent)
        try c.encode(cause, forKey: .cause)
    }

    /// "exact", "bounded: ±0.30% compr_data_size, ±0.20% mem_used_total, pages vary (cause)" (or "±38 B/page, ..."
    /// where a per-page bound holds), "unmeasured (...)".
    public var text: String {
        switch status {
        case "bounded":
            let p = { (v: Double?) -> String in
                let hundredths = Int(((v ?? 0) * 100).rounded(.up))
                let frac = hundredths % 100
                return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
            }
            let totals = "±\(p(comprDataSizePercent))% compr_data_size, ±\(p(memUsedTotalPercent))% mem_used_total"
            let perPage = pageBytes.map { "±\($0) B/page, " + totals } ?? totals + ", pages vary"
            return "bounded: \(perPage) (\(cause ?? ""))"
        case "unmeasured": return "unmeasured (\(cause ?? ""))"
        default: return status
        }
    }
}
